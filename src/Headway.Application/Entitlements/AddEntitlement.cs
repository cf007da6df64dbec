using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Entitlements;

/// <summary>Registers a tenant's entitlement to a workload; it starts as StatusUnknown / NewSubscriptionOrWorkload.</summary>
public static class AddEntitlement
{
    public sealed record Request(long TenantId, string Workload);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<Entitlement>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.RegisterEntitlements) is { } forbidden)
            {
                return forbidden;
            }

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var existing = await db.Entitlements.Where(e => e.TenantId == tenant.Id).Select(e => e.Workload).ToListAsync(ct);
            var result = EntitlementRules.Create(tenant, existing, request.Workload, db.Caller.UserName, clock.GetUtcNow());
            if (!result.Succeeded)
            {
                return result.Refusal;
            }

            var (entitlement, change) = result.Value;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Entitlements.Add(entitlement);
            await db.SaveChangesAsync(ct);
            change.EntitlementId = entitlement.Id;
            db.StatusChanges.Add(change);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<Entitlement>.Ok(entitlement);
        }
    }
}
