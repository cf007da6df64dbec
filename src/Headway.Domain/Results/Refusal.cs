using System.Collections.Frozen;
using System.Globalization;
using Headway.Domain.Taxonomy;

namespace Headway.Domain.Results;

/// <summary>
/// An expected refusal of a request: a stable code, the arguments of its message and, where it is
/// about one input, the field. The message is rendered per language from data, never stored.
/// </summary>
public sealed record Refusal(string Code, IReadOnlyList<string> Args, string? Field = null)
{
    /// <summary>Creates a refusal with message arguments.</summary>
    public static Refusal Of(string code, params string[] args) => new(code, args);

    /// <summary>Creates a refusal about one input field.</summary>
    public static Refusal ForField(string field, string code, params string[] args) => new(code, args, field);

    /// <summary>The message in a UI language (en, zh-Hans, de, ja; anything else falls back).</summary>
    public string Message(string? culture) => RefusalMessages.Render(Code, Args, culture);
}

/// <summary>The stable refusal codes.</summary>
public static class RefusalCodes
{
#pragma warning disable CS1591 // The codes are self-describing; their messages live in refusals.json.
    public const string UnknownL1 = nameof(UnknownL1);
    public const string UnknownL2 = nameof(UnknownL2);
    public const string L2NotUnderL1 = nameof(L2NotUnderL1);
    public const string L2Required = nameof(L2Required);
    public const string L2NotAllowed = nameof(L2NotAllowed);
    public const string UnknownL3 = nameof(UnknownL3);
    public const string TargetDateRequired = nameof(TargetDateRequired);
    public const string TargetDateInPast = nameof(TargetDateInPast);
    public const string EngagementStartDateOnlyInProgress = nameof(EngagementStartDateOnlyInProgress);
    public const string ProjectedUnblockDateOnlyBlocked = nameof(ProjectedUnblockDateOnlyBlocked);
    public const string DuplicateInvalidOnlyViaTenant = nameof(DuplicateInvalidOnlyViaTenant);
    public const string TenantIsDuplicate = nameof(TenantIsDuplicate);
    public const string TenantAlreadyDuplicate = nameof(TenantAlreadyDuplicate);
    public const string TenantNotDuplicate = nameof(TenantNotDuplicate);
    public const string UnknownWorkload = nameof(UnknownWorkload);
    public const string WorkloadNotEntitlement = nameof(WorkloadNotEntitlement);
    public const string EntitlementNotFound = nameof(EntitlementNotFound);
    public const string EntitlementExists = nameof(EntitlementExists);
    public const string TenantNotFound = nameof(TenantNotFound);
    public const string NoteTooLong = nameof(NoteTooLong);
    public const string FieldTooLong = nameof(FieldTooLong);
    public const string VersionMismatch = nameof(VersionMismatch);
    public const string VersionRequired = nameof(VersionRequired);
    public const string MalformedRequest = nameof(MalformedRequest);
    public const string InvalidDate = nameof(InvalidDate);
    public const string DateOutOfRange = nameof(DateOutOfRange);
    public const string DateRangeReversed = nameof(DateRangeReversed);
    public const string DescriptionRequired = nameof(DescriptionRequired);
    public const string LineStateRequired = nameof(LineStateRequired);
    public const string SignInPaused = nameof(SignInPaused);
    public const string InvalidHashtag = nameof(InvalidHashtag);
    public const string ReasonRequired = nameof(ReasonRequired);
    public const string TenantChangedConcurrently = nameof(TenantChangedConcurrently);
    public const string RequestTooLarge = nameof(RequestTooLarge);
    public const string Forbidden = nameof(Forbidden);
    public const string NotAssigned = nameof(NotAssigned);
    public const string SignInFailed = nameof(SignInFailed);
    public const string LockedOut = nameof(LockedOut);
    public const string UserExists = nameof(UserExists);
    public const string UserNotFound = nameof(UserNotFound);
    public const string UnknownRole = nameof(UnknownRole);
    public const string UnknownPartner = nameof(UnknownPartner);
    public const string PartnerExists = nameof(PartnerExists);
    public const string PasswordRejected = nameof(PasswordRejected);
    public const string PasswordTooShort = nameof(PasswordTooShort);
    public const string PasswordTooCommon = nameof(PasswordTooCommon);
    public const string PasswordRequired = nameof(PasswordRequired);
    public const string PasswordsDiffer = nameof(PasswordsDiffer);
    public const string WrongPassword = nameof(WrongPassword);
    public const string ResetLinkInvalid = nameof(ResetLinkInvalid);
    public const string MailNotConfigured = nameof(MailNotConfigured);
    public const string EmailRequired = nameof(EmailRequired);
    public const string AccountNotFound = nameof(AccountNotFound);
    public const string PartnerNotFound = nameof(PartnerNotFound);
    public const string PartnerInactive = nameof(PartnerInactive);
    public const string OwnAccount = nameof(OwnAccount);
    public const string UserDisabled = nameof(UserDisabled);
    public const string NoUserChange = nameof(NoUserChange);
    public const string PartnerNameRequired = nameof(PartnerNameRequired);
    public const string NoTenantsChosen = nameof(NoTenantsChosen);
    public const string TooManyTenants = nameof(TooManyTenants);
    public const string ManagerOfAnotherPartner = nameof(ManagerOfAnotherPartner);
    public const string UserChangedConcurrently = nameof(UserChangedConcurrently);
    public const string NotAManager = nameof(NotAManager);
    public const string InvalidEmail = nameof(InvalidEmail);
    public const string L3Exists = nameof(L3Exists);
    public const string L3NotFound = nameof(L3NotFound);
    public const string WorkloadRetired = nameof(WorkloadRetired);
    public const string WorkloadNotFound = nameof(WorkloadNotFound);
    public const string WorkloadExists = nameof(WorkloadExists);
    public const string InvalidWorkloadCode = nameof(InvalidWorkloadCode);
    public const string StatusWritersAreExperts = nameof(StatusWritersAreExperts);
    public const string NotATeamMember = nameof(NotATeamMember);
    public const string TeamMemberOfAnotherPartner = nameof(TeamMemberOfAnotherPartner);
    public const string AccountTeamFull = nameof(AccountTeamFull);
    public const string SmeTeamNotFound = nameof(SmeTeamNotFound);
    public const string SmeTeamExists = nameof(SmeTeamExists);
    public const string NotAnExpert = nameof(NotAnExpert);
    public const string TooManyMembers = nameof(TooManyMembers);
    public const string TextRequired = nameof(TextRequired);
    public const string UnknownNoteType = nameof(UnknownNoteType);
    public const string NoWorkloadSelected = nameof(NoWorkloadSelected);
    public const string SameNoteOnSeveralWorkloads = nameof(SameNoteOnSeveralWorkloads);
    public const string UnknownChoice = nameof(UnknownChoice);
    public const string UnknownFilterValue = nameof(UnknownFilterValue);
    public const string UnknownParameter = nameof(UnknownParameter);
    public const string ParameterRepeated = nameof(ParameterRepeated);
    public const string TooManyFilterValues = nameof(TooManyFilterValues);
    public const string SavedViewNotFound = nameof(SavedViewNotFound);
    public const string SavedViewNameTaken = nameof(SavedViewNameTaken);
    public const string SavedViewNotYours = nameof(SavedViewNotYours);
    public const string SummaryNotFound = nameof(SummaryNotFound);
    public const string DueDateRequired = nameof(DueDateRequired);
    public const string DueDateInPast = nameof(DueDateInPast);
    public const string TenantHasNoManager = nameof(TenantHasNoManager);
    public const string SummaryOfDuplicateTenant = nameof(SummaryOfDuplicateTenant);
    public const string SummaryAlreadyRequested = nameof(SummaryAlreadyRequested);
    public const string NotificationNotFound = nameof(NotificationNotFound);
    public const string NoteNotFound = nameof(NoteNotFound);
    public const string SummaryRequestNotFound = nameof(SummaryRequestNotFound);
    public const string NoNextAction = nameof(NoNextAction);
    public const string NextActionDateInPast = nameof(NextActionDateInPast);
    public const string UnknownWorkListGroup = nameof(UnknownWorkListGroup);
    public const string ValueRequired = nameof(ValueRequired);
    public const string InvalidNumber = nameof(InvalidNumber);
    public const string UnknownCountry = nameof(UnknownCountry);
    public const string UnknownRegion = nameof(UnknownRegion);
    public const string GeographyBeyondYours = nameof(GeographyBeyondYours);
    public const string ServiceAccountNameRequired = nameof(ServiceAccountNameRequired);
    public const string ServiceAccountExists = nameof(ServiceAccountExists);
    public const string NoScopes = nameof(NoScopes);
    public const string InvalidClient = nameof(InvalidClient);
    public const string UnsupportedGrantType = nameof(UnsupportedGrantType);
    public const string PasswordSignInDisabled = nameof(PasswordSignInDisabled);
    public const string ExternalSignInRefused = nameof(ExternalSignInRefused);
    public const string ExternalNoAccount = nameof(ExternalNoAccount);
    public const string ExternalEmailMissing = nameof(ExternalEmailMissing);
    public const string KeyLifetimeOutOfRange = nameof(KeyLifetimeOutOfRange);
    public const string TenantNameAmbiguous = nameof(TenantNameAmbiguous);
    public const string TenantExists = nameof(TenantExists);
    public const string CountryBeyondYours = nameof(CountryBeyondYours);
    public const string TenantDetailDiffers = nameof(TenantDetailDiffers);
    public const string RowRepeatsEntitlement = nameof(RowRepeatsEntitlement);
    public const string ImportColumnMissing = nameof(ImportColumnMissing);
    public const string ImportUnreadable = nameof(ImportUnreadable);
    public const string ImportWrongEncoding = nameof(ImportWrongEncoding);
    public const string ImportEmpty = nameof(ImportEmpty);
    public const string ImportPartTooLarge = nameof(ImportPartTooLarge);
    public const string ImportPartTooCompressed = nameof(ImportPartTooCompressed);
    public const string ImportCellTooLong = nameof(ImportCellTooLong);
    public const string ImportTooManyRows = nameof(ImportTooManyRows);
    public const string ImportTooManyColumns = nameof(ImportTooManyColumns);
    public const string ImportNotFound = nameof(ImportNotFound);
    public const string ImportAlreadyReverted = nameof(ImportAlreadyReverted);
    public const string ImportChangedSince = nameof(ImportChangedSince);
    public const string ImportHasProblems = nameof(ImportHasProblems);
    public const string ForbiddenCharacter = nameof(ForbiddenCharacter);
    public const string NothingToChange = nameof(NothingToChange);
    public const string L1RequiredForL2 = nameof(L1RequiredForL2);
    public const string UnsupportedMediaType = nameof(UnsupportedMediaType);
    public const string AntiforgeryTokenInvalid = nameof(AntiforgeryTokenInvalid);
    public const string DatabaseUnavailable = nameof(DatabaseUnavailable);
    public const string DatabaseBusy = nameof(DatabaseBusy);
    public const string DatabaseFull = nameof(DatabaseFull);
    public const string DatabaseReadOnly = nameof(DatabaseReadOnly);
    public const string ImportRunning = nameof(ImportRunning);
    public const string InternalError = nameof(InternalError);
    public const string FormUnreadable = nameof(FormUnreadable);
    public const string NotNoteAuthor = nameof(NotNoteAuthor);
    public const string NoteVersionMismatch = nameof(NoteVersionMismatch);
    public const string TooManyRequests = nameof(TooManyRequests);
    public const string InvalidCursor = nameof(InvalidCursor);
    public const string InvalidPageCursor = nameof(InvalidPageCursor);
    public const string InvalidLimit = nameof(InvalidLimit);
    public const string WebhookUrlInvalid = nameof(WebhookUrlInvalid);
    public const string UnknownEventType = nameof(UnknownEventType);
    public const string WebhookNotFound = nameof(WebhookNotFound);
    public const string TooManyWebhooks = nameof(TooManyWebhooks);
    public const string InvalidExternalId = nameof(InvalidExternalId);
    public const string ExternalIdTaken = nameof(ExternalIdTaken);
    public const string InvalidIdempotencyKey = nameof(InvalidIdempotencyKey);
    public const string IdempotencyKeyReused = nameof(IdempotencyKeyReused);
    public const string IdempotencyKeyInUse = nameof(IdempotencyKeyInUse);
    public const string NotSignedIn = nameof(NotSignedIn);
    public const string NoSuchAddress = nameof(NoSuchAddress);
    public const string MethodNotAllowed = nameof(MethodNotAllowed);
#pragma warning restore CS1591
}

/// <summary>Renders refusal messages from the embedded <c>refusals.json</c>.</summary>
public static class RefusalMessages
{
    private static readonly FrozenDictionary<string, LocalizedText> Messages = Load();

    /// <summary>Every code that has a message.</summary>
    public static IEnumerable<string> Codes => Messages.Keys;

    /// <summary>The languages each code's message is written in.</summary>
    public static IEnumerable<string> LanguagesOf(string code) => Messages[code].Languages;

    /// <summary>Renders the message of a code in a culture, formatting the arguments into it.</summary>
    public static string Render(string code, IReadOnlyList<string> args, string? culture)
    {
        if (!Messages.TryGetValue(code, out var text))
        {
            return code;
        }

        var lang = SupportedLanguages.Normalize(culture);
        return string.Format(CultureInfo.GetCultureInfo(lang), text.Get(lang), args.Select(a => (object)Shown(a, lang)).ToArray());
    }

    /// <summary>An argument as a reader sees it: a status or sub-status code by its name in the reader's language ("In progress",
    /// „In Bearbeitung“), anything else as it is.</summary>
    private static string Shown(string arg, string lang) =>
        StatusTaxonomy.Default.FindL1(arg)?.Name.Get(lang) ?? StatusTaxonomy.Default.FindL2(arg)?.Name.Get(lang) ?? arg;

    private static FrozenDictionary<string, LocalizedText> Load()
    {
        using var doc = EmbeddedData.Read("refusals.json");
        return doc.RootElement.GetProperty("refusals").EnumerateObject()
            .ToFrozenDictionary(p => p.Name, p => EmbeddedData.Text(p.Value), StringComparer.Ordinal);
    }
}
