using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Entitlements;

/// <summary>
/// Registers a tenant's entitlements to one or more workloads, all or none; each starts as StatusUnknown /
/// NewSubscriptionOrWorkload (on a duplicate tenant: DuplicateInvalid, with that status kept to restore).
/// </summary>
public static class AddEntitlement
{
    public sealed record Request(long TenantId, IReadOnlyList<string> Workloads);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, Domain.Taxonomy.WorkloadCatalogue catalogue)
    {
        public async Task<Result<IReadOnlyList<Entitlement>>> HandleAsync(Request request, CancellationToken ct = default)
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

            if (request.Workloads.Count == 0)
            {
                return Refusal.ForField("workloads", RefusalCodes.NoWorkloadSelected);
            }

            var existing = await db.Entitlements.Where(e => e.TenantId == tenant.Id).Select(e => e.Workload).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var created = new List<(Entitlement Entitlement, StatusChange Change)>();
            foreach (var workload in request.Workloads)
            {
                var result = EntitlementRules.Create(tenant, existing.Concat(created.Select(c => c.Entitlement.Workload)), workload, db.Caller.UserName, now, catalogue);
                if (!result.Succeeded)
                {
                    return result.Refusal;
                }

                created.Add(result.Value);
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await SaveAsync(db, tenant, created, ct);
            await tx.CommitAsync(ct);
            return Result<IReadOnlyList<Entitlement>>.Ok(created.Select(c => c.Entitlement).ToList());
        }
    }

    /// <summary>Saves new entitlements of a stored tenant with their "created" history entries, inside the caller's transaction.</summary>
    internal static async Task SaveAsync(HeadwayDbContext db, Tenant tenant, IReadOnlyList<(Entitlement Entitlement, StatusChange Change)> created, CancellationToken ct)
    {
        if (created.Count == 0)
        {
            return;
        }

        foreach (var (entitlement, _) in created)
        {
            entitlement.TenantId = tenant.Id;
            db.Entitlements.Add(entitlement);
        }

        await db.SaveChangesAsync(ct);
        foreach (var (entitlement, change) in created)
        {
            change.TenantId = tenant.Id;
            change.EntitlementId = entitlement.Id;
            db.StatusChanges.Add(change);
        }

        await db.SaveChangesAsync(ct);
    }
}
