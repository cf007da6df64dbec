using Headway.Application.Data;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;

namespace Headway.Application.Tenants;

/// <summary>Flags a tenant duplicate/invalid: every entitlement moves to DuplicateInvalid, in one transaction.</summary>
public static class MarkDuplicate
{
    public sealed record Request(long TenantId, string Reason);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public Task<Result<int>> HandleAsync(Request request, CancellationToken ct = default) =>
            TenantWrites.ApplyToAllAsync(db, request.TenantId, (tenant, entitlements) =>
                EntitlementRules.MarkTenantDuplicate(tenant, entitlements, request.Reason, db.Caller.UserName, clock.GetUtcNow()), ct);
    }
}
