using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>Flags a tenant duplicate/invalid: every entitlement moves to DuplicateInvalid, in one transaction.</summary>
public static class MarkDuplicate
{
    public sealed record Request(long TenantId, string Reason);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.FlagDuplicate) is { } forbidden)
            {
                return forbidden;
            }

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            if (Permissions.Check(db.Caller, Permission.FlagDuplicate, tenant) is { } notAssigned)
            {
                return notAssigned;
            }

            var entitlements = await db.Entitlements.Where(e => e.TenantId == tenant.Id).ToListAsync(ct);
            var result = EntitlementRules.MarkTenantDuplicate(tenant, entitlements, request.Reason, db.Caller.UserName, clock.GetUtcNow());
            if (!result.Succeeded)
            {
                return result.Refusal;
            }

            db.StatusChanges.AddRange(result.Value);
            return await TenantWrites.SaveAsync(db, result.Value.Count, ct);
        }
    }
}
