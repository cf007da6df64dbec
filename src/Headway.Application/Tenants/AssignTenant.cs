using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// Assigns a tenant to an onboarding manager of the tenant's own partner; a centre tenant to a centre manager
/// (`headway tenants assign`). Administrators only.
/// </summary>
public static class AssignTenant
{
    public sealed record Request(long TenantId, string ManagerEmail);

    public sealed class Handler(HeadwayDbContext db, UserManager<HeadwayUser> users, TimeProvider clock)
    {
        public async Task<Result<Tenant>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ManageUsers) is { } forbidden)
            {
                return forbidden;
            }

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            var manager = await users.FindByEmailAsync(request.ManagerEmail);
            if (manager is not { Role: Role.Manager, IsDisabled: false } || manager.PartnerId != tenant.PartnerId)
            {
                return Refusal.ForField("manager", RefusalCodes.NotAManager, request.ManagerEmail);
            }

            Notify.TenantAssigned(db, tenant, manager, tenant.ManagerName, clock.GetUtcNow());
            tenant.ManagerName = manager.Email;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            // The reports' copy of the manager on each entitlement moves with the tenant, in the same transaction.
            await db.Entitlements.Where(e => e.TenantId == tenant.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.TenantManager, manager.Email), ct);
            await tx.CommitAsync(ct);
            return Result<Tenant>.Ok(tenant);
        }
    }
}
