using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// Assigns tenants to an onboarding manager of the tenants' own partner; centre tenants to a centre manager — one
/// (`headway tenants assign`) or many at once, ticked on the tenant list or sent to the API, all or none. Administrators
/// only (a partner's: the partner's tenants). Each change is in the audit trail under the administrator's name, and the
/// new manager is notified of each tenant that was not theirs.
/// </summary>
public static class AssignTenant
{
    /// <summary>The most tenants one request reassigns.</summary>
    public const int MaxTenants = 500;

    public sealed record Request(long TenantId, string ManagerEmail);

    public sealed record BulkRequest(IReadOnlyList<long> TenantIds, string? ManagerEmail);

    /// <summary>
    /// The tenants an administrator ticked (each once, in the order given), tracked: refused for anyone who does not manage
    /// users, for none or more than <see cref="MaxTenants"/>, and when one is not in the caller's scope.
    /// </summary>
    internal static async Task<Result<(List<long> Ids, List<Tenant> Tenants)>> ChosenAsync(HeadwayDbContext db, IReadOnlyList<long> tenantIds, CancellationToken ct)
    {
        if (Permissions.Check(db.Caller, Permission.ManageUsers) is { } forbidden)
        {
            return forbidden;
        }

        var ids = tenantIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Refusal.ForField("tenantIds", RefusalCodes.NoTenantsChosen);
        }

        if (ids.Count > MaxTenants)
        {
            return Refusal.ForField("tenantIds", RefusalCodes.TooManyTenants, MaxTenants.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // The scope's query filter leaves out another partner's tenants: they are not found, like any missing one.
        var tenants = await db.Tenants.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        return tenants.Count == ids.Count ? Result<(List<long>, List<Tenant>)>.Ok((ids, tenants)) : Refusal.Of(RefusalCodes.TenantNotFound);
    }

    public sealed class Handler(HeadwayDbContext db, UserManager<HeadwayUser> users, TimeProvider clock)
    {
        public async Task<Result<Tenant>> HandleAsync(Request request, CancellationToken ct = default)
        {
            var result = await HandleAsync(new BulkRequest([request.TenantId], request.ManagerEmail), ct);
            return result.Succeeded ? Result<Tenant>.Ok(result.Value[0]) : result.Refusal;
        }

        public async Task<Result<IReadOnlyList<Tenant>>> HandleAsync(BulkRequest request, CancellationToken ct = default)
        {
            var chosen = await ChosenAsync(db, request.TenantIds, ct);
            if (!chosen.Succeeded)
            {
                return chosen.Refusal;
            }

            var (ids, tenants) = chosen.Value;

            var email = request.ManagerEmail?.Trim() ?? "";
            var manager = email.Length == 0 ? null : await users.FindByEmailAsync(email);
            // A partner's administrator is told nothing of another partner's (or the centre's) users.
            if (manager is not { Role: Role.Manager, IsDisabled: false } || !await Accounts.IsUsableAsync(db, manager, ct)
                || (!db.Caller.IsProgrammeWide && manager.PartnerId != db.Caller.PartnerId))
            {
                return Refusal.ForField("manager", RefusalCodes.NotAManager, email);
            }

            if (tenants.FirstOrDefault(t => t.PartnerId != manager.PartnerId) is { } elsewhere)
            {
                return Refusal.ForField("manager", RefusalCodes.ManagerOfAnotherPartner, manager.Email!, elsewhere.Name);
            }

            var now = clock.GetUtcNow();
            var moving = tenants.Where(t => !string.Equals(t.ManagerName, manager.Email, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var tenant in moving)
            {
                Notify.TenantAssigned(db, tenant, manager, tenant.ManagerName, now);
                tenant.ManagerName = manager.Email;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            // The reports' copy of the manager on each entitlement moves with the tenant, in the same transaction.
            var moved = moving.Select(t => t.Id).ToList();
            await db.Entitlements.Where(e => moved.Contains(e.TenantId)).ExecuteUpdateAsync(u => u.SetProperty(e => e.TenantManager, manager.Email), ct);
            await tx.CommitAsync(ct);
            return Result<IReadOnlyList<Tenant>>.Ok(ids.Select(id => tenants.First(t => t.Id == id)).ToList());
        }
    }
}
