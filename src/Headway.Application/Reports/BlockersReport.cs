using Headway.Domain.Taxonomy;

namespace Headway.Application.Reports;

/// <summary>What blocks adoption: the blocked entitlements by sub-status and workload, and each blocker's trend.</summary>
public sealed class BlockersReport : ByL2Report
{
    public override string Name => "blockers";

    public override string L1 => TaxonomyCodes.Blocked;
}
