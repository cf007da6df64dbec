namespace Headway.Domain.Entitlements;

/// <summary>
/// The editable fields of an entitlement, as a user submits them (full replacement: a field left
/// null is cleared). Codes are the stable taxonomy codes. <see cref="EngagementStartDateReason"/> is not a field:
/// it explains a moved engagement start date and becomes an overall note (SPEC §4).
/// </summary>
public sealed record EntitlementUpdate(
    string L1,
    string? L2,
    string? L3 = null,
    string? Note = null,
    DateOnly? TargetDate = null,
    DateOnly? EngagementStartDate = null,
    DateOnly? ProjectedUnblockDate = null,
    string? NextAction = null,
    DateOnly? NextActionDate = null,
    string? NextActionOwner = null,
    string? BusinessReason = null,
    EngagementScenario? EngagementScenario = null,
    string? NoteGrade = null,
    string? EngagementStartDateReason = null)
{
    /// <summary>The same update with blank texts as null and texts trimmed, as it would be stored.</summary>
    public EntitlementUpdate Normalized() => this with
    {
        L2 = Blank(L2),
        L3 = Blank(L3),
        Note = Blank(Note),
        NextAction = Blank(NextAction),
        NextActionOwner = Blank(NextActionOwner),
        BusinessReason = Blank(BusinessReason),
        EngagementStartDateReason = Blank(EngagementStartDateReason),
    };

    /// <summary>The fields alone, as they would be stored: no grade, no reason.</summary>
    public EntitlementUpdate Fields() => Normalized() with { NoteGrade = null, EngagementStartDateReason = null };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The update that would leave an entitlement exactly as it is.</summary>
    public static EntitlementUpdate From(Entitlement e) => new(e.L1, e.L2, e.L3, e.Note, e.TargetDate, e.EngagementStartDate,
        e.ProjectedUnblockDate, e.NextAction, e.NextActionDate, e.NextActionOwner, e.BusinessReason, e.EngagementScenario);
}

/// <summary>The status fields that a duplicate/invalid flag suspends and its removal restores.</summary>
public sealed record StatusSnapshot(
    string L1,
    string? L2,
    string? L3,
    DateOnly? TargetDate,
    DateOnly? EngagementStartDate,
    DateOnly? ProjectedUnblockDate);

/// <summary>Field-length limits, in UTF-16 code units, shared by every write path.</summary>
public static class FieldLimits
{
    /// <summary>A status note; far beyond the one or two sentences a good note needs.</summary>
    public const int Note = 4000;
    /// <summary>Next action, business reason.</summary>
    public const int Text = 1000;
    /// <summary>Names, owners, codes.</summary>
    public const int Name = 200;
}
