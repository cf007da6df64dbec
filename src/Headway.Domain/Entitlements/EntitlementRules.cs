using System.Globalization;
using System.Text.Json;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Domain.Entitlements;

/// <summary>
/// The status rules of the programme (SPEC §2.1), in the one place that every write path goes
/// through: the portal, the API, the command line and the importer.
/// </summary>
public static partial class EntitlementRules
{
    private static readonly StatusTaxonomy Taxonomy = StatusTaxonomy.Default;

    /// <summary>
    /// Creates a new entitlement of a tenant; it always starts as StatusUnknown / NewSubscriptionOrWorkload.
    /// The returned history entry still needs the entitlement's identifier once it is stored.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="existingWorkloads">The workloads the tenant is entitled to already.</param>
    /// <param name="workloadCode">The workload, by its code (any case).</param>
    /// <param name="actor">Who registers it.</param>
    /// <param name="now">When.</param>
    /// <param name="catalogue">The workload catalogue as the administrators keep it; a retired workload is registered no more.</param>
    public static Result<(Entitlement Entitlement, StatusChange Change)> Create(
        Tenant tenant, IEnumerable<string> existingWorkloads, string workloadCode, string actor, DateTimeOffset now, WorkloadCatalogue catalogue)
    {
        var workload = catalogue.Find(workloadCode);
        if (workload is null)
        {
            return Refusal.ForField("workload", RefusalCodes.UnknownWorkload, workloadCode);
        }

        if (workload.IsRetired)
        {
            return Refusal.ForField("workload", RefusalCodes.WorkloadRetired, workload.Code);
        }

        if (!workload.IsEntitlement)
        {
            return Refusal.ForField("workload", RefusalCodes.WorkloadNotEntitlement, workload.Code);
        }

        if (existingWorkloads.Contains(workload.Code, StringComparer.OrdinalIgnoreCase))
        {
            return Refusal.ForField("workload", RefusalCodes.EntitlementExists, workload.Code);
        }

        var suspended = new StatusSnapshot(TaxonomyCodes.StatusUnknown, TaxonomyCodes.NewSubscriptionOrWorkload, null, null, null, null);
        var entitlement = new Entitlement
        {
            TenantId = tenant.Id,
            PartnerId = tenant.PartnerId,
            TenantSeats = tenant.Seats,
            TenantRegion = tenant.Region,
            TenantCountry = tenant.Country,
            TenantPriority = tenant.Priority,
            TenantManager = tenant.ManagerName,
            Workload = workload.Code,
            L1 = tenant.IsDuplicate ? TaxonomyCodes.DuplicateInvalid : suspended.L1,
            L2 = tenant.IsDuplicate ? null : suspended.L2,
            LastChangedBy = actor,
            LastChangedAt = now,
            Version = 1,
            StatusBeforeDuplicate = tenant.IsDuplicate ? Serialize(suspended) : null,
        };
        var change = NewChange(entitlement, ChangeKind.Created, actor, now,
        [
            new FieldChange(nameof(Entitlement.L1), null, entitlement.L1),
            new FieldChange(nameof(Entitlement.L2), null, entitlement.L2),
        ]);
        return Result<(Entitlement, StatusChange)>.Ok((entitlement, change));
    }

    /// <summary>
    /// Validates an edit against every rule and, when it is allowed, applies it and returns the history entry and,
    /// when a set engagement start date moves, the engagement-management overall note that explains it (SPEC §4:
    /// such changes are explained in an overall note, never in the status note). Returns null when nothing differs
    /// (no history, no new version).
    /// </summary>
    /// <param name="tenant">The entitlement's tenant.</param>
    /// <param name="entitlement">The entitlement to change.</param>
    /// <param name="siblings">All entitlements of the tenant (the entitlement itself may be among them).</param>
    /// <param name="update">The submitted fields, with the reason for a moved engagement start date.</param>
    /// <param name="knownL3">The administrator-defined L3 values under the submitted L2.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="now">The time of the change; its UTC date is "today" for date rules.</param>
    /// <param name="actorRole">The actor's role, kept with the explaining note.</param>
    public static Result<EntitlementEdit> Change(
        Tenant tenant, Entitlement entitlement, IReadOnlyCollection<Entitlement> siblings, EntitlementUpdate update,
        IReadOnlyCollection<string> knownL3, string actor, DateTimeOffset now, string? actorRole = null)
    {
        var refusal = Validate(tenant, entitlement, siblings, update, knownL3, DateOnly.FromDateTime(now.UtcDateTime));
        if (refusal is not null)
        {
            return refusal;
        }

        var changes = Diff(entitlement, update);
        if (changes.Count == 0)
        {
            return Result<EntitlementEdit>.Ok(EntitlementEdit.Unchanged);
        }

        var previousStart = entitlement.EngagementStartDate;
        Apply(entitlement, update);
        entitlement.LastChangedBy = actor;
        entitlement.LastChangedAt = now;
        entitlement.Version++;
        var change = NewChange(entitlement, ChangeKind.Edited, actor, now, changes);
        var explanation = StartDateMoved(previousStart, update) is var (before, after)
            ? StartDateNote(tenant, entitlement.Workload, before, after, update.Normalized().EngagementStartDateReason!, actor, actorRole, now)
            : null;
        return Result<EntitlementEdit>.Ok(new EntitlementEdit(change, explanation));
    }

    /// <summary>A set engagement start date that the update moves to another date, or null.</summary>
    private static (DateOnly Before, DateOnly After)? StartDateMoved(DateOnly? current, EntitlementUpdate update) =>
        current is { } before && update.EngagementStartDate is { } after && before != after ? (before, after) : null;

    /// <summary>The overall note that explains a moved engagement start date; dates in ISO form read the same in every language.</summary>
    private static OverallNote StartDateNote(Tenant tenant, string workload, DateOnly before, DateOnly after, string reason, string actor, string? role, DateTimeOffset at)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{workload} {before:yyyy-MM-dd} → {after:yyyy-MM-dd}: {reason}");
        return new OverallNote
        {
            TenantId = tenant.Id,
            PartnerId = tenant.PartnerId,
            Type = OverallNoteType.EngagementManagement,
            Text = text,
            Author = actor,
            AuthorRole = role,
            CreatedAt = at,
            Hashtags = Tenants.Hashtags.Parse(text),
        };
    }

    /// <summary>
    /// Puts an entitlement back exactly as it was before a change that is being undone (an import reverted
    /// as one unit). The rules are not checked again: the earlier state kept them when it was current, and a
    /// date that has since passed must come back as it was. Returns null when nothing differs.
    /// </summary>
    public static StatusChange? Restore(Entitlement entitlement, EntitlementUpdate earlier, string actor, DateTimeOffset now)
    {
        var changes = Diff(entitlement, earlier);
        if (changes.Count == 0)
        {
            return null;
        }

        Apply(entitlement, earlier);
        entitlement.LastChangedBy = actor;
        entitlement.LastChangedAt = now;
        entitlement.Version++;
        return NewChange(entitlement, ChangeKind.Edited, actor, now, changes);
    }

    /// <summary>The first rule an edit breaks, or null when it keeps them all.</summary>
    public static Refusal? Validate(
        Tenant tenant, Entitlement entitlement, IReadOnlyCollection<Entitlement> siblings, EntitlementUpdate update,
        IReadOnlyCollection<string> knownL3, DateOnly today)
    {
        if (tenant.IsDuplicate)
        {
            return Refusal.Of(RefusalCodes.TenantIsDuplicate);
        }

        var l1 = Taxonomy.FindL1(update.L1);
        if (l1 is null)
        {
            return Refusal.ForField("l1", RefusalCodes.UnknownL1, update.L1 ?? "", string.Join(", ", Taxonomy.L1s.Select(x => x.Code)));
        }

        if (!string.IsNullOrEmpty(update.L2))
        {
            var l2 = Taxonomy.FindL2(update.L2);
            if (l2 is null)
            {
                return Refusal.ForField("l2", RefusalCodes.UnknownL2, update.L2);
            }

            if (!l1.RequiresL2)
            {
                return Refusal.ForField("l2", RefusalCodes.L2NotAllowed, l1.Code);
            }

            if (l2.L1Code != l1.Code)
            {
                return Refusal.ForField("l2", RefusalCodes.L2NotUnderL1, l2.Code, l1.Code);
            }
        }
        else if (l1.RequiresL2)
        {
            return Refusal.ForField("l2", RefusalCodes.L2Required, l1.Code);
        }

        if (!string.IsNullOrEmpty(update.L3) && !knownL3.Contains(update.L3, StringComparer.Ordinal))
        {
            return Refusal.ForField("l3", RefusalCodes.UnknownL3, update.L3!, update.L2 ?? "");
        }

        if (l1.Code == TaxonomyCodes.DuplicateInvalid && entitlement.L1 != TaxonomyCodes.DuplicateInvalid &&
            !MayBeDuplicateAlone(entitlement.Workload, siblings))
        {
            return Refusal.ForField("l1", RefusalCodes.DuplicateInvalidOnlyViaTenant);
        }

        if (DateRules.Check(("targetDate", update.TargetDate), ("engagementStartDate", update.EngagementStartDate),
                ("projectedUnblockDate", update.ProjectedUnblockDate), ("nextActionDate", update.NextActionDate)) is { } outOfRange)
        {
            return outOfRange;
        }

        if (l1.RequiresTargetDate)
        {
            if (update.TargetDate is null)
            {
                return Refusal.ForField("targetDate", RefusalCodes.TargetDateRequired);
            }

            // "Not in the past when it is set": a date set earlier may lapse without blocking later edits.
            var isBeingSet = update.TargetDate != entitlement.TargetDate || entitlement.L1 != l1.Code;
            if (isBeingSet && update.TargetDate < today)
            {
                return Refusal.ForField("targetDate", RefusalCodes.TargetDateInPast, Iso(update.TargetDate)!);
            }
        }

        if (update.EngagementStartDate is not null && !l1.AllowsEngagementStartDate)
        {
            return Refusal.ForField("engagementStartDate", RefusalCodes.EngagementStartDateOnlyInProgress);
        }

        if (update.ProjectedUnblockDate is not null && !l1.ExpectsProjectedUnblockDate)
        {
            return Refusal.ForField("projectedUnblockDate", RefusalCodes.ProjectedUnblockDateOnlyBlocked);
        }

        if (TextRules.Check(("note", update.Note), ("nextAction", update.NextAction), ("nextActionOwner", update.NextActionOwner),
                ("businessReason", update.BusinessReason), ("l3", update.L3)) is { } text)
        {
            return text;
        }

        if (update.Note is { Length: > FieldLimits.Note })
        {
            return Refusal.ForField("note", RefusalCodes.NoteTooLong,
                update.Note.Length.ToString(CultureInfo.InvariantCulture), FieldLimits.Note.ToString(CultureInfo.InvariantCulture));
        }

        return TooLong("nextAction", update.NextAction, FieldLimits.Text)
            ?? TooLong("businessReason", update.BusinessReason, FieldLimits.Text)
            ?? TooLong("nextActionOwner", update.NextActionOwner, FieldLimits.Name)
            ?? TooLong("l3", update.L3, FieldLimits.Name)
            ?? StartDateReason(entitlement, update);
    }

    /// <summary>A set engagement start date moves only with a reason, which becomes an overall note.</summary>
    private static Refusal? StartDateReason(Entitlement entitlement, EntitlementUpdate update)
    {
        var reason = update.Normalized().EngagementStartDateReason;
        if (StartDateMoved(entitlement.EngagementStartDate, update) is not null && reason is null)
        {
            return Refusal.ForField("engagementStartDateReason", RefusalCodes.ReasonRequired);
        }

        return TextRules.Check("engagementStartDateReason", reason) ?? TooLong("engagementStartDateReason", reason, FieldLimits.Text);
    }

    /// <summary>
    /// The same note on several workloads rarely fits each of them (SPEC §3), so saving it needs a confirmation,
    /// unless every one of them is an unresponsive customer's: one note then truly fits all.
    /// </summary>
    /// <param name="notes">The note and L2 each workload would hold after the change, for the workloads that change together.</param>
    public static bool SameNoteNeedsConfirmation(IReadOnlyCollection<(string? Note, string? L2)> notes) =>
        notes.Where(n => !string.IsNullOrWhiteSpace(n.Note)).GroupBy(n => n.Note!.Trim(), StringComparer.Ordinal)
            .Any(g => g.Count() > 1 && !g.All(n => n.L2 == TaxonomyCodes.CustomerUnresponsive));

    /// <summary>The status fields of an entitlement.</summary>
    public static StatusSnapshot SnapshotOf(Entitlement e) =>
        new(e.L1, e.L2, e.L3, e.TargetDate, e.EngagementStartDate, e.ProjectedUnblockDate);

    private static List<FieldChange> Diff(Entitlement e, EntitlementUpdate u)
    {
        var c = new List<FieldChange>();
        AddIfChanged(c, nameof(Entitlement.L1), e.L1, u.L1);
        AddIfChanged(c, nameof(Entitlement.L2), e.L2, Blank(u.L2));
        AddIfChanged(c, nameof(Entitlement.L3), e.L3, Blank(u.L3));
        AddIfChanged(c, nameof(Entitlement.Note), e.Note, Blank(u.Note));
        AddIfChanged(c, nameof(Entitlement.TargetDate), Iso(e.TargetDate), Iso(u.TargetDate));
        AddIfChanged(c, nameof(Entitlement.EngagementStartDate), Iso(e.EngagementStartDate), Iso(u.EngagementStartDate));
        AddIfChanged(c, nameof(Entitlement.ProjectedUnblockDate), Iso(e.ProjectedUnblockDate), Iso(u.ProjectedUnblockDate));
        AddIfChanged(c, nameof(Entitlement.NextAction), e.NextAction, Blank(u.NextAction));
        AddIfChanged(c, nameof(Entitlement.NextActionDate), Iso(e.NextActionDate), Iso(u.NextActionDate));
        AddIfChanged(c, nameof(Entitlement.NextActionOwner), e.NextActionOwner, Blank(u.NextActionOwner));
        AddIfChanged(c, nameof(Entitlement.BusinessReason), e.BusinessReason, Blank(u.BusinessReason));
        AddIfChanged(c, nameof(Entitlement.EngagementScenario), e.EngagementScenario?.ToString(), u.EngagementScenario?.ToString());
        return c;
    }

    private static void Apply(Entitlement e, EntitlementUpdate u)
    {
        e.L1 = u.L1;
        e.L2 = Blank(u.L2);
        e.L3 = Blank(u.L3);
        e.Note = Blank(u.Note);
        e.NoteGrade = e.Note is null ? null : u.NoteGrade;
        e.Hashtags = Tenants.Hashtags.Parse(e.Note);
        e.TargetDate = u.TargetDate;
        e.EngagementStartDate = u.EngagementStartDate;
        e.ProjectedUnblockDate = u.ProjectedUnblockDate;
        e.NextAction = Blank(u.NextAction);
        e.NextActionDate = u.NextActionDate;
        e.NextActionOwner = Blank(u.NextActionOwner);
        e.BusinessReason = Blank(u.BusinessReason);
        e.EngagementScenario = u.EngagementScenario;
    }

    private static StatusChange NewChange(Entitlement e, ChangeKind kind, string actor, DateTimeOffset now, IReadOnlyList<FieldChange> changes) => new()
    {
        TenantId = e.TenantId,
        PartnerId = e.PartnerId,
        EntitlementId = e.Id,
        Workload = e.Workload,
        Kind = kind,
        ChangedBy = actor,
        ChangedAt = now,
        Changes = changes,
        L1 = e.L1,
        L2 = e.L2,
        L3 = e.L3,
        Note = e.Note,
        NoteGrade = e.NoteGrade,
        TargetDate = e.TargetDate,
        ProjectedUnblockDate = e.ProjectedUnblockDate,
    };

    private static Refusal? TooLong(string field, string? value, int max) =>
        value is { Length: var n } && n > max
            ? Refusal.ForField(field, RefusalCodes.FieldTooLong, field, max.ToString(CultureInfo.InvariantCulture))
            : null;

    private static void AddIfChanged(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Serialize(StatusSnapshot s) => JsonSerializer.Serialize(s);
}
