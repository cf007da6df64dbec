using System.Globalization;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Infrastructure;

/// <summary>Turns a refusal into an RFC 7807 problem response in the request's language.</summary>
public static class Problems
{
    public static int StatusOf(string code) => code switch
    {
        RefusalCodes.TenantNotFound or RefusalCodes.EntitlementNotFound or RefusalCodes.SummaryNotFound or RefusalCodes.ImportNotFound
            or RefusalCodes.NotificationNotFound or RefusalCodes.NoteNotFound or RefusalCodes.SummaryRequestNotFound or RefusalCodes.UnknownWorkListGroup
            or RefusalCodes.SavedViewNotFound or RefusalCodes.AccountNotFound or RefusalCodes.PartnerNotFound or RefusalCodes.L3NotFound or RefusalCodes.WorkloadNotFound
            or RefusalCodes.SmeTeamNotFound or RefusalCodes.WebhookNotFound or RefusalCodes.NoSuchAddress => StatusCodes.Status404NotFound,
        RefusalCodes.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        RefusalCodes.VersionMismatch or RefusalCodes.TenantChangedConcurrently or RefusalCodes.ImportChangedSince or RefusalCodes.ImportAlreadyReverted
            or RefusalCodes.NoteVersionMismatch or RefusalCodes.UserChangedConcurrently or RefusalCodes.ExternalIdTaken
            or RefusalCodes.IdempotencyKeyInUse => StatusCodes.Status409Conflict,
        RefusalCodes.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        RefusalCodes.VersionRequired => StatusCodes.Status428PreconditionRequired,
        RefusalCodes.RequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        RefusalCodes.Forbidden or RefusalCodes.NotAssigned or RefusalCodes.AntiforgeryTokenInvalid
            or RefusalCodes.NotNoteAuthor or RefusalCodes.SavedViewNotYours => StatusCodes.Status403Forbidden,
        RefusalCodes.DatabaseUnavailable or RefusalCodes.DatabaseBusy or RefusalCodes.DatabaseFull or RefusalCodes.DatabaseReadOnly
            or RefusalCodes.ImportRunning or RefusalCodes.MailNotConfigured => StatusCodes.Status503ServiceUnavailable,
        RefusalCodes.InternalError => StatusCodes.Status500InternalServerError,
        RefusalCodes.SignInFailed or RefusalCodes.InvalidClient or RefusalCodes.PasswordSignInDisabled or RefusalCodes.NotSignedIn
            => StatusCodes.Status401Unauthorized,
        RefusalCodes.LockedOut or RefusalCodes.SignInPaused or RefusalCodes.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemHttpResult From(Refusal refusal) => From(refusal, StatusOf(refusal.Code), null);

    /// <summary>A refusal answered with another status than its code's usual one, and more members.</summary>
    public static ProblemHttpResult From(Refusal refusal, int status, IReadOnlyDictionary<string, object?>? more)
    {
        var message = refusal.Message(CultureInfo.CurrentUICulture.Name);
        var extensions = new Dictionary<string, object?>(more ?? new Dictionary<string, object?>()) { ["code"] = refusal.Code };
        if (refusal.Field is not null)
        {
            extensions["field"] = refusal.Field;
        }

        return TypedResults.Problem(
            detail: message,
            statusCode: status,
            title: message,
            type: "urn:headway:problem:" + refusal.Code,
            extensions: extensions);
    }
}
