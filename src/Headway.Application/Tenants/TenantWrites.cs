using Headway.Application.Data;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

internal static class TenantWrites
{
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
