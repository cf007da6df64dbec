using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// Changes a tenant's own details (gateway managers and administrators). Only the fields given change, so two people
/// correcting different details do not undo each other. The audit trail keeps each change with who made it, and the
/// tenant's history shows it; the copies that entitlements keep for reports (seats, region, country, priority) move in
/// the same transaction. The partner and the manager change elsewhere (an assignment), never here.
/// </summary>
public static class EditTenant
{
    public sealed record Request(long TenantId, TenantDetails Changes);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Tenant>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.RegisterEntitlements) is { } forbidden)
            {
                return forbidden;
            }

            var tenant = await db.Tenants.Include(t => t.Partner).FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            if (request.Changes == new TenantDetails())
            {
                return Refusal.Of(RefusalCodes.NothingToChange);
            }

            if (request.Changes.Check(db.Caller, registering: false) is { } invalid)
            {
                return invalid;
            }

            // A new name must be free within the partner, as on registration (the import finds tenants by name).
            if (request.Changes.Name is { } renamed && !string.Equals(renamed.Trim(), tenant.Name.Trim(), StringComparison.OrdinalIgnoreCase)
                && await RegisterTenant.Handler.NameTakenAsync(db, tenant.PartnerId, renamed.Trim(), tenant.Id, ct) is { } taken)
            {
                return taken;
            }

            var copied = request.Changes.ApplyTo(tenant);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (copied)
            {
                await db.Entitlements.Where(e => e.TenantId == tenant.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.TenantSeats, tenant.Seats)
                    .SetProperty(e => e.TenantRegion, tenant.Region)
                    .SetProperty(e => e.TenantCountry, tenant.Country)
                    .SetProperty(e => e.TenantPriority, tenant.Priority), ct);
            }

            await tx.CommitAsync(ct);
            return Result<Tenant>.Ok(tenant);
        }
    }
}
