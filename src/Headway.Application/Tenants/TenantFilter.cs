using Headway.Domain.Tenants;

namespace Headway.Application.Tenants;

/// <summary>
/// What the tenant list is narrowed to and how it is sorted. Several values of one filter are alternatives (l1
/// Blocked or InProgress); different filters all apply. The entitlement conditions (L1, L2, workload, grade,
/// hygiene) are met by one entitlement of the tenant: <c>l1=Blocked&amp;workload=EXO</c> finds tenants whose
/// Exchange Online is blocked. Read from and written to a query string by <see cref="TenantListQuery"/>.
/// </summary>
public sealed record TenantFilter
{
    /// <summary>Words that must all occur in the tenant's name or brand name (see <see cref="Search.SearchAll"/>).</summary>
    public string? Text { get; init; }

    public IReadOnlyList<string> L1 { get; init; } = [];

    public IReadOnlyList<string> L2 { get; init; } = [];

    public IReadOnlyList<string> Workloads { get; init; } = [];

    /// <summary>The note coach's grades (Good, Insufficient, Poor) of an entitlement's status note.</summary>
    public IReadOnlyList<string> Grades { get; init; } = [];

    /// <summary>Hygiene reasons of the hygiene report (<see cref="Reports.HygieneReport.Reasons"/>).</summary>
    public IReadOnlyList<string> Hygiene { get; init; } = [];

    /// <summary>Days without a change after which an entitlement counts as not updated (hygiene NotUpdated).</summary>
    public int StaleDays { get; init; } = TenantListQuery.DefaultStaleDays;

    public IReadOnlyList<Priority> Priorities { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Onboarding managers' user names.</summary>
    public IReadOnlyList<string> Managers { get; init; } = [];

    /// <summary>Only the tenants the caller manages.</summary>
    public bool Mine { get; init; }

    /// <summary>Hashtags (without #, lower case) on an overall note or a status note of the tenant.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>One of <see cref="ListTenants.SortKeys"/>.</summary>
    public string Sort { get; init; } = ListTenants.DefaultSort;

    public bool Descending { get; init; }

    /// <summary>Whether any condition narrows the list (sort order aside).</summary>
    public bool Narrows =>
        !string.IsNullOrWhiteSpace(Text) || L1.Count > 0 || L2.Count > 0 || Workloads.Count > 0 || Grades.Count > 0 || Hygiene.Count > 0 ||
        Priorities.Count > 0 || Countries.Count > 0 || Regions.Count > 0 || Managers.Count > 0 || Mine || Tags.Count > 0;

    /// <summary>Whether a condition on the tenant's entitlements applies.</summary>
    public bool OnEntitlements => L1.Count > 0 || L2.Count > 0 || Workloads.Count > 0 || Grades.Count > 0 || Hygiene.Count > 0;
}
