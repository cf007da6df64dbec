using System.Data.Common;
using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// The entitlement feed of an upstream licensing system: a tenant is put by the id that system knows it by
/// (<see cref="Tenant.ExternalId"/>), so pushing it once more never makes a second one. An unknown id registers the
/// tenant as <see cref="RegisterTenant"/> does (each entitlement Status Unknown / New subscription or workload); a known
/// one takes the details sent (through <see cref="EditTenant"/>) and the workloads it does not have yet, while the
/// entitlements it has are left as they are. Partner and manager are a registration's only: they change by assignment.
/// </summary>
public static class UpsertTenant
{
    /// <param name="ExternalId">The source system's tenant id.</param>
    /// <param name="Details">On a registration name and country are required; on a known tenant the fields sent change.</param>
    /// <param name="PartnerId">Where the id is looked up and the tenant registered; null: the caller's own (the centre for programme-wide callers).</param>
    /// <param name="ManagerEmail">The onboarding manager of a tenant registered now.</param>
    /// <param name="Workloads">Workloads the tenant is entitled to: those it lacks are added.</param>
    public sealed record Request(string ExternalId, TenantDetails Details, long? PartnerId, string? ManagerEmail, IReadOnlyList<string> Workloads);

    /// <param name="Tenant">The tenant as stored.</param>
    /// <param name="Created">Whether this request registered it.</param>
    /// <param name="Changed">Whether this request changed anything at all.</param>
    public sealed record Outcome(Tenant Tenant, bool Created, bool Changed);

    public sealed class Handler(HeadwayDbContext db, RegisterTenant.Handler register, EditTenant.Handler edit, AddEntitlement.Handler add,
        Domain.Taxonomy.WorkloadCatalogue catalogue)
    {
        public async Task<Result<Outcome>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.RegisterEntitlements) is { } forbidden)
            {
                return forbidden;
            }

            var externalId = request.ExternalId.Trim();
            if (!RegisterTenant.Handler.IsExternalId(externalId))
            {
                return Refusal.ForField("externalId", RefusalCodes.InvalidExternalId, externalId,
                    Tenant.MaxExternalId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // Every workload is checked before anything changes, so a known tenant is not left with its details changed and
            // its workloads refused.
            if (request.Workloads.FirstOrDefault(w => catalogue.Find(w) is not { IsEntitlement: true, IsRetired: false }) is { } unknown)
            {
                return Refusal.ForField("workload", RefusalCodes.UnknownWorkload, unknown);
            }

            var partnerId = request.PartnerId ?? db.Caller.PartnerId;
            if (await FindAsync(partnerId, externalId, ct) is not { } existing)
            {
                Refusal refused;
                try
                {
                    var registered = await register.HandleAsync(new RegisterTenant.Request(request.Details, partnerId, request.ManagerEmail, request.Workloads)
                    {
                        ExternalId = externalId,
                    }, ct);
                    if (registered.Succeeded)
                    {
                        return Result<Outcome>.Ok(new Outcome(registered.Value, true, true));
                    }

                    refused = registered.Refusal;
                    if (refused.Code is not (RefusalCodes.ExternalIdTaken or RefusalCodes.TenantExists))
                    {
                        return refused;
                    }
                }
                catch (DbUpdateException e) when (e.InnerException is DbException inner && HeadwayDatabase.IsUniqueViolation(inner))
                {
                    db.ChangeTracker.Clear();
                    refused = Refusal.ForField("externalId", RefusalCodes.ExternalIdTaken, externalId);
                }

                // The same tenant pushed twice at once: the first registered it since it was looked up, and this push carries on
                // as one of a known tenant. A name taken by a tenant without the id stays refused.
                existing = await FindAsync(partnerId, externalId, ct);
                if (existing is null)
                {
                    return refused;
                }
            }

            return await UpdateAsync(existing, request, ct);
        }

        /// <summary>
        /// Puts one entitlement of a known tenant: registered when the tenant lacks it (Status Unknown / New subscription or
        /// workload), left as it is when it has it. TenantNotFound when the source system's id names no tenant in scope.
        /// </summary>
        public async Task<Result<Outcome>> HandleEntitlementAsync(string externalId, long? partnerId, string workload, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.RegisterEntitlements) is { } forbidden)
            {
                return forbidden;
            }

            var tenant = await FindAsync(partnerId ?? db.Caller.PartnerId, externalId.Trim(), ct);
            return tenant is null
                ? Refusal.Of(RefusalCodes.TenantNotFound)
                : await UpdateAsync(tenant, new Request(externalId, new TenantDetails(), partnerId, null, [workload]), ct);
        }

        private async Task<Result<Outcome>> UpdateAsync(Tenant existing, Request request, CancellationToken ct)
        {
            var changed = false;
            if (request.Details != new TenantDetails())
            {
                var before = Snapshot(existing);
                var edited = await edit.HandleAsync(new EditTenant.Request(existing.Id, request.Details), ct);
                if (!edited.Succeeded)
                {
                    return edited.Refusal;
                }

                existing = edited.Value;
                changed = before != Snapshot(existing);
            }

            var has = await db.Entitlements.Where(e => e.TenantId == existing.Id).Select(e => e.Workload).ToListAsync(ct);
            var missing = request.Workloads.Where(w => !has.Contains(w, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (missing.Count > 0)
            {
                var added = await add.HandleAsync(new AddEntitlement.Request(existing.Id, missing), ct);
                if (!added.Succeeded)
                {
                    return added.Refusal;
                }

                changed = true;
            }

            return Result<Outcome>.Ok(new Outcome(existing, false, changed));
        }

        /// <summary>The tenant of the partner with the id, if the caller may see it.</summary>
        private Task<Tenant?> FindAsync(long? partnerId, string externalId, CancellationToken ct) =>
            db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.PartnerId == partnerId && t.ExternalId == externalId, ct);

        private static string Snapshot(Tenant t) =>
            string.Join('\u001f', t.Name, t.BrandName, t.Country, t.Industry, t.Seats, t.IsManaged, t.Priority, t.IsEnterprise);
    }
}
