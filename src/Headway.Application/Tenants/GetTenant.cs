using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>One tenant with its entitlements, in catalogue order.</summary>
public static class GetTenant
{
    /// <param name="TenantId">The tenant.</param>
    /// <param name="AsOf">When given: the entitlements as they stood at the end of that day (UTC), rebuilt from the history.</param>
    public sealed record Request(long TenantId, DateOnly? AsOf = null);

    public sealed record Response(Tenant Tenant, IReadOnlyList<Entitlement> Entitlements)
    {
        /// <summary>The account team (the onboarding manager aside), in the order they joined.</summary>
        public IReadOnlyList<TeamMember> Team { get; init; } = [];
    }

    /// <summary>Someone on the account team: their role, and the workloads whose status notes they write.</summary>
    public sealed record TeamMember(string Email, string? DisplayName, Role? Role, IReadOnlyList<string> StatusWorkloads);

    public sealed class Handler(HeadwayDbContext db, WorkloadCatalogue catalogue)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } refusal)
            {
                return refusal;
            }

            if (DateRules.Check(("asOf", request.AsOf)) is { } outOfRange)
            {
                return outOfRange;
            }

            var tenant = await Compiled.Tenant.For(db)(db, request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var entitlements = request.AsOf is { } asOf
                ? await AsOfAsync(tenant.Id, asOf, ct)
                : await Compiled.Entitlements.For(db)(db, tenant.Id).ToListAsync(ct);
            return Result<Response>.Ok(new Response(tenant, entitlements.OrderBy(e => CatalogueOrder(catalogue, e.Workload)).ToList())
            {
                Team = await TeamAsync(tenant, ct),
            });
        }

        private async Task<IReadOnlyList<TeamMember>> TeamAsync(Tenant tenant, CancellationToken ct)
        {
            if (tenant.AccountTeam.Count == 0)
            {
                return [];
            }

            var emails = tenant.AccountTeam.Select(m => m.ToUpperInvariant()).ToList();
            var users = await Compiled.Team.For(db)(db, emails).ToListAsync(ct);
            // What each writes: their own workloads and their SME teams' (engineers and architects only).
            var teams = await Compiled.SmeTeams.For(db)(db, tenant.PartnerId).ToListAsync(ct);
            users = users.Select(u => u.Role is Role.Engineer or Role.Architect
                ? u with
                {
                    StatusWorkloads = u.StatusWorkloads.Concat(teams.Where(t => t.Members.Contains(u.Email, StringComparer.OrdinalIgnoreCase)).SelectMany(t => t.Workloads))
                        .Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                }
                : u).ToList();

            // Someone no longer found (never deleted, but renamed) still shows by the name the team holds.
            return tenant.AccountTeam.Select(m => users.FirstOrDefault(u => string.Equals(u.Email, m, StringComparison.OrdinalIgnoreCase))
                ?? new TeamMember(m, null, null, [])).ToList();
        }

        /// <summary>
        /// Each entitlement's last history entry up to the end of the day carries its status then; entitlements
        /// created later did not exist yet. Fields the history does not keep (next action, scenario) stay empty.
        /// </summary>
        private async Task<List<Entitlement>> AsOfAsync(long tenantId, DateOnly asOf, CancellationToken ct)
        {
            var end = DateRules.EndUtc(asOf);
            var changes = await db.StatusChanges.AsNoTracking()
                .Where(c => c.TenantId == tenantId && c.ChangedAt < end)
                .ToListAsync(ct);
            return changes
                .GroupBy(c => c.EntitlementId)
                .Select(g => g.OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).Last())
                .Select(Entitlement.AsOf)
                .ToList();
        }
    }

    /// <summary>
    /// The page's queries, compiled once for each model (see <see cref="PerModel{TQuery}"/>): the tenant page is the most read page, and a query given as LINQ
    /// costs its translation-cache lookup (the expression walked, hashed and its parameters pulled out) every time. The
    /// caller's scope still applies: the context's query filters are part of each compiled query.
    /// </summary>
    private static class Compiled
    {
        public static readonly PerModel<Func<HeadwayDbContext, long, CancellationToken, Task<Tenant?>>> Tenant = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, long id, CancellationToken ct) => db.Tenants.AsNoTracking().Include(t => t.Partner).FirstOrDefault(t => t.Id == id)));

        public static readonly PerModel<Func<HeadwayDbContext, long, IAsyncEnumerable<Entitlement>>> Entitlements = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, long tenantId) => db.Entitlements.AsNoTracking().Where(e => e.TenantId == tenantId)));

        public static readonly PerModel<Func<HeadwayDbContext, List<string>, IAsyncEnumerable<TeamMember>>> Team = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, List<string> emails) => db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!))
                .Select(u => new TeamMember(u.Email!, u.DisplayName, u.Role, u.StatusWorkloads))));

        public static readonly PerModel<Func<HeadwayDbContext, long?, IAsyncEnumerable<SmeTeam>>> SmeTeams = new(() => EF.CompileAsyncQuery(
            (HeadwayDbContext db, long? partnerId) => db.SmeTeams.AsNoTracking().Where(t => t.PartnerId == partnerId)));
    }

    /// <summary>A workload's place in the catalogue's order; one it does not have comes last.</summary>
    public static int CatalogueOrder(WorkloadCatalogue catalogue, string workload)
    {
        var all = catalogue.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (string.Equals(all[i].Code, workload, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
