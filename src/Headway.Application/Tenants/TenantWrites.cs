using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>The write that changes every entitlement of one tenant at once (flagging it duplicate/invalid, clearing the flag).</summary>
internal static class TenantWrites
{
    /// <summary>
    /// Loads the tenant in the caller's scope, checks the caller may flag it, lets <paramref name="rule"/> move its
    /// entitlements and saves their history in one transaction; answers how many entitlements moved.
    /// </summary>
    public static async Task<Result<int>> ApplyToAllAsync(HeadwayDbContext db, long tenantId,
        Func<Tenant, List<Entitlement>, Result<IReadOnlyList<StatusChange>>> rule, CancellationToken ct)
    {
        if (Permissions.Check(db.Caller, Permission.FlagDuplicate) is { } forbidden)
        {
            return forbidden;
        }

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null)
        {
            return Refusal.Of(RefusalCodes.TenantNotFound);
        }

        if (Permissions.Check(db.Caller, Permission.FlagDuplicate, tenant) is { } notAssigned)
        {
            return notAssigned;
        }

        var entitlements = await db.Entitlements.Where(e => e.TenantId == tenant.Id).ToListAsync(ct);
        var result = rule(tenant, entitlements);
        if (!result.Succeeded)
        {
            return result.Refusal;
        }

        db.StatusChanges.AddRange(result.Value);
        return await SaveAsync(db, result.Value.Count, ct);
    }

    /// <summary>
    /// Saves a change that touches every entitlement of a tenant. If anyone saved one of them meanwhile,
    /// the version tokens reject the whole save and the caller is told, instead of a silent overwrite.
    /// </summary>
    public static async Task<Result<int>> SaveAsync(HeadwayDbContext db, int count, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<int>.Ok(count);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Of(RefusalCodes.TenantChangedConcurrently);
        }
    }
}
