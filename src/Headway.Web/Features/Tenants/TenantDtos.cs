using Headway.Application.Tenants;
using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;

namespace Headway.Web.Features.Tenants;

public sealed record TenantSummaryDto(long Id, string Name, string? BrandName, string Country, string Region, int Seats,
    bool Managed, string? Partner, string? Manager, string Priority, bool Duplicate, int Entitlements,
    IReadOnlyDictionary<string, int> StatusMix, DateTimeOffset? LastChange)
{
    public static TenantSummaryDto From(ListTenants.Row r) => new(r.Id, r.Name, r.BrandName, r.Country, r.Region, r.Seats,
        r.IsManaged, r.Partner, r.Manager, r.Priority.ToString(), r.IsDuplicate, r.Entitlements,
        r.StatusMix.ToDictionary(m => m.L1, m => m.Count), r.LastChange);
}

// A page of the tenant list. The total is counted up to a limit past the page's start (ListTenants.CountLimit); when the
// list goes on beyond it, totalIsAtLeast is true and the total is a lower bound. A line comment: the OpenAPI document takes
// XML summaries as schema descriptions.
public sealed record TenantListDto(IReadOnlyList<TenantSummaryDto> Items, int Page, int PageSize, int Total, bool TotalIsAtLeast, string? Next);

public sealed record EntitlementDto(string Workload, string L1, string? L2, string? L3, string? Note, string? NoteGrade,
    DateOnly? TargetDate, DateOnly? EngagementStartDate, DateOnly? ProjectedUnblockDate, string? NextAction,
    DateOnly? NextActionDate, string? NextActionOwner, string? BusinessReason, string? EngagementScenario,
    string LastChangedBy, DateTimeOffset LastChangedAt, int Version)
{
    public static EntitlementDto From(Entitlement e) => new(e.Workload, e.L1, e.L2, e.L3, e.Note, e.NoteGrade, e.TargetDate,
        e.EngagementStartDate, e.ProjectedUnblockDate, e.NextAction, e.NextActionDate, e.NextActionOwner, e.BusinessReason,
        e.EngagementScenario?.ToString(), e.LastChangedBy, e.LastChangedAt, e.Version);
}

public sealed record TenantDto(long Id, string Name, string? BrandName, string Country, string Region, string? Industry,
    int Seats, bool Managed, string? Partner, string? Manager, string Priority, bool Enterprise, bool Duplicate,
    string? DuplicateReason, IReadOnlyList<EntitlementDto> Entitlements, IReadOnlyList<string> AccountTeam, string? ExternalId)
{
    public static TenantDto From(Tenant t, IEnumerable<Entitlement> entitlements) => new(t.Id, t.Name, t.BrandName, t.Country,
        t.Region, t.Industry, t.Seats, t.IsManaged, t.Partner?.Name, t.ManagerName, t.Priority.ToString(), t.IsEnterprise,
        t.IsDuplicate, t.DuplicateReason, entitlements.Select(EntitlementDto.From).ToArray(), t.AccountTeam, t.ExternalId);
}

public sealed record DuplicateBody(string? Reason);

// A new tenant: name and country (ISO 3166-1 alpha-2) required; partnerId null for the programme centre (a partner's staff
// register for their own partner); manager an onboarding manager's email; workloads the catalogue codes it is entitled to.
public sealed record TenantRegistrationBody(string? Name, string? BrandName, string? Country, string? Industry, int? Seats, bool? Managed,
    Priority? Priority, bool? Enterprise, long? PartnerId, string? Manager, IReadOnlyList<string>? Workloads, string? ExternalId = null)
{
    /// <summary>The details as sent: on a put of a known tenant, a field left out keeps its value.</summary>
    public TenantDetails Sent() => new(Name, BrandName, Country, Industry, Seats, Managed, Priority, Enterprise);

    public TenantDetails Details() => new(Name ?? "", BrandName, Country ?? "", Industry, Seats ?? 0, Managed ?? false, Priority ?? Domain.Tenants.Priority.Medium,
        Enterprise ?? false);
}

// A correction of a tenant's details: a field left out keeps its value; brandName or industry sent as null or "" is cleared.
public sealed record TenantChangeBody(string? Name, string? BrandName, string? Country, string? Industry, int? Seats, bool? Managed,
    Priority? Priority, bool? Enterprise);

// Workload codes to add to a tenant as new entitlements, all or none.
public sealed record EntitlementsBody(IReadOnlyList<string>? Workloads);

public sealed record DetailChangeDto(long Id, string Action, string ChangedBy, DateTimeOffset ChangedAt, IReadOnlyList<FieldChangeDto> Changes);

public sealed record FieldChangeDto(string Field, string? Before, string? After);

public sealed record HistoryEntryDto(long Id, string Workload, string Kind, string ChangedBy, DateTimeOffset ChangedAt,
    IReadOnlyList<FieldChangeDto> Changes, string L1, string? L2)
{
    public static HistoryEntryDto From(StatusChange c) => new(c.Id, c.Workload, c.Kind.ToString(), c.ChangedBy, c.ChangedAt,
        c.Changes.Select(x => new FieldChangeDto(x.Field, x.Before, x.After)).ToArray(), c.L1, c.L2);
}
