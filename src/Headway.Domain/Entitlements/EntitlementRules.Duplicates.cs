using System.Globalization;
using System.Text.Json;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Domain.Entitlements;

/// <summary>
/// The Duplicate/Invalid rules: a whole tenant is marked and restored at once (SPEC §2.1), and only Outlook Mobile
/// may be Duplicate/Invalid on its own.
/// </summary>
public static partial class EntitlementRules
{
    /// <summary>
    /// Outlook Mobile alone may be DuplicateInvalid, and only when the tenant has Office 365 ProPlus and no
    /// Exchange Online: the mobile app then has no mailbox to connect to.
    /// </summary>
    public static bool MayBeDuplicateAlone(string workload, IEnumerable<Entitlement> siblings)
    {
        if (!string.Equals(workload, WorkloadCodes.OutlookMobile, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hasProPlus = false;
        foreach (var s in siblings)
        {
            if (string.Equals(s.Workload, WorkloadCodes.Exchange, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            hasProPlus |= string.Equals(s.Workload, WorkloadCodes.ProPlus, StringComparison.OrdinalIgnoreCase);
        }

        return hasProPlus;
    }

    /// <summary>
    /// Flags a tenant duplicate/invalid: every entitlement moves to DuplicateInvalid and keeps what it
    /// held, so that clearing the flag restores it.
    /// </summary>
    public static Result<IReadOnlyList<StatusChange>> MarkTenantDuplicate(
        Tenant tenant, IReadOnlyList<Entitlement> entitlements, string reason, string actor, DateTimeOffset now)
    {
        if (tenant.IsDuplicate)
        {
            return Refusal.Of(RefusalCodes.TenantAlreadyDuplicate);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.ForField("reason", RefusalCodes.ReasonRequired);
        }

        if (TextRules.Check("reason", reason) is { } forbidden)
        {
            return forbidden;
        }

        if (reason.Length > FieldLimits.Text)
        {
            return Refusal.ForField("reason", RefusalCodes.FieldTooLong, "reason", FieldLimits.Text.ToString(CultureInfo.InvariantCulture));
        }

        tenant.IsDuplicate = true;
        tenant.DuplicateReason = reason.Trim();
        var changes = new List<StatusChange>(entitlements.Count);
        foreach (var e in entitlements)
        {
            var before = SnapshotOf(e);
            var after = new StatusSnapshot(TaxonomyCodes.DuplicateInvalid, null, null, null, null, null);
            e.StatusBeforeDuplicate = Serialize(before);
            changes.Add(Move(e, before, after, ChangeKind.TenantMarkedDuplicate, actor, now));
        }

        return Result<IReadOnlyList<StatusChange>>.Ok(changes);
    }

    /// <summary>Clears a tenant's duplicate/invalid flag and restores each entitlement's previous status.</summary>
    public static Result<IReadOnlyList<StatusChange>> ClearTenantDuplicate(
        Tenant tenant, IReadOnlyList<Entitlement> entitlements, string actor, DateTimeOffset now)
    {
        if (!tenant.IsDuplicate)
        {
            return Refusal.Of(RefusalCodes.TenantNotDuplicate);
        }

        tenant.IsDuplicate = false;
        tenant.DuplicateReason = null;
        var changes = new List<StatusChange>(entitlements.Count);
        foreach (var e in entitlements)
        {
            var restored = e.StatusBeforeDuplicate is { } json
                ? JsonSerializer.Deserialize<StatusSnapshot>(json)!
                : new StatusSnapshot(TaxonomyCodes.StatusUnknown, TaxonomyCodes.NewSubscriptionOrWorkload, null, null, null, null);
            e.StatusBeforeDuplicate = null;
            changes.Add(Move(e, SnapshotOf(e), restored, ChangeKind.TenantRestored, actor, now));
        }

        return Result<IReadOnlyList<StatusChange>>.Ok(changes);
    }

    private static StatusChange Move(Entitlement e, StatusSnapshot before, StatusSnapshot after, ChangeKind kind, string actor, DateTimeOffset now)
    {
        var changes = new List<FieldChange>();
        AddIfChanged(changes, nameof(Entitlement.L1), before.L1, after.L1);
        AddIfChanged(changes, nameof(Entitlement.L2), before.L2, after.L2);
        AddIfChanged(changes, nameof(Entitlement.L3), before.L3, after.L3);
        AddIfChanged(changes, nameof(Entitlement.TargetDate), Iso(before.TargetDate), Iso(after.TargetDate));
        AddIfChanged(changes, nameof(Entitlement.EngagementStartDate), Iso(before.EngagementStartDate), Iso(after.EngagementStartDate));
        AddIfChanged(changes, nameof(Entitlement.ProjectedUnblockDate), Iso(before.ProjectedUnblockDate), Iso(after.ProjectedUnblockDate));
        e.L1 = after.L1;
        e.L2 = after.L2;
        e.L3 = after.L3;
        e.TargetDate = after.TargetDate;
        e.EngagementStartDate = after.EngagementStartDate;
        e.ProjectedUnblockDate = after.ProjectedUnblockDate;
        e.LastChangedBy = actor;
        e.LastChangedAt = now;
        e.Version++;
        return NewChange(e, kind, actor, now, changes);
    }
}
