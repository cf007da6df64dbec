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
    public sealed record Request(long TenantId);

    public sealed record Response(Tenant Tenant, IReadOnlyList<Entitlement> Entitlements);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } refusal)
            {
                return refusal;
            }

            var tenant = await db.Tenants.AsNoTracking().Include(t => t.Partner)
                .FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var entitlements = await db.Entitlements.AsNoTracking().Where(e => e.TenantId == tenant.Id).ToListAsync(ct);
            return Result<Response>.Ok(new Response(tenant, entitlements.OrderBy(e => CatalogueOrder(e.Workload)).ToList()));
        }
    }

    public static int CatalogueOrder(string workload)
    {
        var all = WorkloadCatalogue.Default.All;
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
