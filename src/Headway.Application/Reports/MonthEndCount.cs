using Headway.Domain.Tenants;

namespace Headway.Application.Reports;

/// <summary>
/// How many entitlements stood at an L1/L2 at the end of a closed month, by workload and tenant attributes:
/// the trend's memory. Closed months never change (the history is append-only and written when things
/// happen), except when tenants are added or flagged duplicate, so each row carries the fingerprint of the
/// tenants it was computed from and rows of another fingerprint are recomputed. A row with an empty L1
/// marks a month as computed.
/// </summary>
public sealed class MonthEndCount
{
    public long Id { get; set; }
    public required string Fingerprint { get; set; }
    public DateOnly MonthEnd { get; set; }
    public required string L1 { get; set; }
    public string? L2 { get; set; }
    public required string Workload { get; set; }
    public required string Region { get; set; }
    public required string Country { get; set; }
    public long? PartnerId { get; set; }
    public Priority Priority { get; set; }
    public int Count { get; set; }
}
