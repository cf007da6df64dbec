using Headway.Application.Data;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;

namespace Headway.Application.Tenants;

/// <summary>Clears a tenant's duplicate/invalid flag; each entitlement gets back the status it had.</summary>
public static class ClearDuplicate
{
    public sealed record Request(long TenantId);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public Task<Result<int>> HandleAsync(Request request, CancellationToken ct = default) =>
            TenantWrites.ApplyToAllAsync(db, request.TenantId, (tenant, entitlements) =>
                EntitlementRules.ClearTenantDuplicate(tenant, entitlements, db.Caller.UserName, clock.GetUtcNow()), ct);
    }
}
