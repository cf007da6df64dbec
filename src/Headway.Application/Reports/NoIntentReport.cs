using Headway.Domain.Taxonomy;

namespace Headway.Application.Reports;

/// <summary>Why no intent: the entitlements without intent by sub-status and workload, and each reason's trend.</summary>
public sealed class NoIntentReport : ByL2Report
{
    public override string Name => "no-intent";

    public override string L1 => TaxonomyCodes.NoIntent;
}
