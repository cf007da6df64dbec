namespace Headway.Domain.Entitlements;

/// <summary>
/// The editable fields of an entitlement, as a user submits them (full replacement: a field left
/// null is cleared). Codes are the stable taxonomy codes.
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
    string? NoteGrade = null);

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
