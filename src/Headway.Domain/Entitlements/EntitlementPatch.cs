using Headway.Domain.Taxonomy;

namespace Headway.Domain.Entitlements;

/// <summary>An editable field of an entitlement, as a change names it; <see cref="Status"/> is L1 and L2 together.</summary>
public enum EntitlementField
{
    /// <summary>L1 and L2.</summary>
    Status,
    /// <summary>The administrator-defined L3 value.</summary>
    L3,
    /// <summary>The status note.</summary>
    Note,
    /// <summary>Target date.</summary>
    TargetDate,
    /// <summary>Engagement start date.</summary>
    EngagementStartDate,
    /// <summary>Projected unblock date.</summary>
    ProjectedUnblockDate,
    /// <summary>Next action.</summary>
    NextAction,
    /// <summary>Due date of the next action.</summary>
    NextActionDate,
    /// <summary>Owner of the next action.</summary>
    NextActionOwner,
    /// <summary>Business reason.</summary>
    BusinessReason,
    /// <summary>Engagement scenario.</summary>
    EngagementScenario,
}

/// <summary>
/// A change of some fields, for one entitlement or several at once: each field in <see cref="Fields"/> takes its
/// value from <see cref="Values"/> (null clears it), and every other field keeps what each entitlement holds, as a
/// mass update in any CRM does. Two consequences of a status change follow the status editor: an L3 belongs to its
/// L2, so it is cleared when the L2 moves unless the change sets one; and a date the new L1 does not take (target date,
/// engagement start date, projected unblock date) is cleared unless the change sets it.
/// </summary>
/// <param name="Values">The values of the named fields; the others are ignored.</param>
/// <param name="Fields">The fields to set or clear.</param>
public sealed record EntitlementPatch(EntitlementUpdate Values, IReadOnlySet<EntitlementField> Fields)
{
    /// <summary>Every field, in the order forms and summaries show them.</summary>
    public static IReadOnlyList<EntitlementField> AllFields { get; } = Enum.GetValues<EntitlementField>();

    private static readonly IReadOnlySet<EntitlementField> All = new HashSet<EntitlementField>(AllFields);

    /// <summary>A full replacement: every field takes the update's value (the single-entitlement editor and PUT).</summary>
    public static EntitlementPatch Replace(EntitlementUpdate update) => new(update, All);

    /// <summary>Whether the change sets or clears a field.</summary>
    public bool Sets(EntitlementField field) => Fields.Contains(field);

    /// <summary>The fields of <paramref name="entitlement"/> after this change, before any rule is checked.</summary>
    public EntitlementUpdate ApplyTo(Entitlement entitlement)
    {
        var current = EntitlementUpdate.From(entitlement).Normalized();
        var v = Values.Normalized();
        var l1 = Sets(EntitlementField.Status) ? v.L1 : current.L1;
        var l2 = Sets(EntitlementField.Status) ? v.L2 : current.L2;
        var statusMoved = !string.Equals(l1, current.L1, StringComparison.Ordinal) || !string.Equals(l2, current.L2, StringComparison.Ordinal);
        var taxonomy = StatusTaxonomy.Default.FindL1(l1);

        DateOnly? Date(EntitlementField field, DateOnly? value, DateOnly? kept, bool takenByL1) =>
            Sets(field) ? value : statusMoved && !takenByL1 ? null : kept;

        string? Text(EntitlementField field, string? value, string? kept) => Sets(field) ? value : kept;

        return new EntitlementUpdate(
            l1,
            l2,
            Sets(EntitlementField.L3) ? v.L3 : string.Equals(l2, current.L2, StringComparison.Ordinal) ? current.L3 : null,
            Text(EntitlementField.Note, v.Note, current.Note),
            Date(EntitlementField.TargetDate, v.TargetDate, current.TargetDate, taxonomy?.RequiresTargetDate ?? true),
            Date(EntitlementField.EngagementStartDate, v.EngagementStartDate, current.EngagementStartDate, taxonomy?.AllowsEngagementStartDate ?? true),
            Date(EntitlementField.ProjectedUnblockDate, v.ProjectedUnblockDate, current.ProjectedUnblockDate, taxonomy?.ExpectsProjectedUnblockDate ?? true),
            Text(EntitlementField.NextAction, v.NextAction, current.NextAction),
            Sets(EntitlementField.NextActionDate) ? v.NextActionDate : current.NextActionDate,
            Text(EntitlementField.NextActionOwner, v.NextActionOwner, current.NextActionOwner),
            Text(EntitlementField.BusinessReason, v.BusinessReason, current.BusinessReason),
            Sets(EntitlementField.EngagementScenario) ? v.EngagementScenario : current.EngagementScenario);
    }

    /// <summary>The fields whose values differ between two states of an entitlement.</summary>
    public static IReadOnlyList<EntitlementField> Differences(EntitlementUpdate before, EntitlementUpdate after)
    {
        var a = before.Normalized();
        var b = after.Normalized();
        var differences = new List<EntitlementField>();
        void Check(EntitlementField field, bool same)
        {
            if (!same)
            {
                differences.Add(field);
            }
        }

        Check(EntitlementField.Status, string.Equals(a.L1, b.L1, StringComparison.Ordinal) && string.Equals(a.L2, b.L2, StringComparison.Ordinal));
        Check(EntitlementField.L3, string.Equals(a.L3, b.L3, StringComparison.Ordinal));
        Check(EntitlementField.Note, string.Equals(a.Note, b.Note, StringComparison.Ordinal));
        Check(EntitlementField.TargetDate, a.TargetDate == b.TargetDate);
        Check(EntitlementField.EngagementStartDate, a.EngagementStartDate == b.EngagementStartDate);
        Check(EntitlementField.ProjectedUnblockDate, a.ProjectedUnblockDate == b.ProjectedUnblockDate);
        Check(EntitlementField.NextAction, string.Equals(a.NextAction, b.NextAction, StringComparison.Ordinal));
        Check(EntitlementField.NextActionDate, a.NextActionDate == b.NextActionDate);
        Check(EntitlementField.NextActionOwner, string.Equals(a.NextActionOwner, b.NextActionOwner, StringComparison.Ordinal));
        Check(EntitlementField.BusinessReason, string.Equals(a.BusinessReason, b.BusinessReason, StringComparison.Ordinal));
        Check(EntitlementField.EngagementScenario, a.EngagementScenario == b.EngagementScenario);
        return differences;
    }
}
