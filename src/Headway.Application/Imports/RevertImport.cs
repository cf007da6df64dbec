using System.Text.Json;
using Headway.Application.Data;
using Headway.Application.Telemetry;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Headway.Application.Imports;

/// <summary>
/// Undoes an import as one unit: entitlements it changed get their earlier fields back (a new history
/// entry says so), entitlements and tenants it created are removed with their history. If anything the
/// import wrote was changed since, nothing is reverted: that later work would be lost.
/// </summary>
public static class RevertImport
{
    public sealed record Request(long ImportId);

    public sealed record Response(long ImportId, int TenantsRemoved, int EntitlementsRemoved, int EntitlementsRestored);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, ILogger<Handler>? logger = null)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.Import) is { } forbidden)
            {
                return forbidden;
            }

            var batch = await db.ImportBatches.FirstOrDefaultAsync(i => i.Id == request.ImportId, ct);
            if (batch is null)
            {
                return Refusal.Of(RefusalCodes.ImportNotFound);
            }

            if (batch.RevertedAt is not null)
            {
                return Refusal.Of(RefusalCodes.ImportAlreadyReverted);
            }

            var id = batch.Id;
            var undo = db.ImportUndos.Where(u => u.ImportId == id);
            var entitlementUndo = undo.Where(u => u.Kind != ImportUndoKind.TenantCreated);
            var createdTenants = undo.Where(u => u.Kind == ImportUndoKind.TenantCreated).Select(u => u.TenantId);
            var createdEntitlements = undo.Where(u => u.Kind == ImportUndoKind.EntitlementCreated).Select(u => u.EntitlementId);

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await FeedOrder.RegisterAsync(db, ct);
            // Changed since: an entitlement at another version, a created tenant's entitlement with later history (an edit,
            // a new entitlement, a duplicate flag), or a created tenant with notes of its own (deleted ones too: they stay).
            var watermark = batch.LastChangeId;
            var changedSince = await entitlementUndo.CountAsync(u => !db.Entitlements.Any(e => e.Id == u.EntitlementId && e.Version == u.VersionAfter), ct)
                + await db.StatusChanges.Where(c => c.Id > watermark && createdTenants.Contains(c.TenantId)).Select(c => c.EntitlementId).Distinct().CountAsync(ct)
                + await db.OverallNotes.IgnoreQueryFilters([HeadwayDbContext.DeletedNotesFilter]).Select(n => n.TenantId).Distinct().CountAsync(t => createdTenants.Contains(t), ct)
                + await db.ExecutiveSummaries.Select(s => s.TenantId).Distinct().CountAsync(t => createdTenants.Contains(t), ct);
            if (changedSince > 0)
            {
                return Refusal.Of(RefusalCodes.ImportChangedSince, changedSince.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var now = clock.GetUtcNow();
            var restored = 0;
            var changed = undo.Where(u => u.Kind == ImportUndoKind.EntitlementChanged);
            foreach (var chunk in (await changed.Select(u => new { u.EntitlementId, u.Before }).ToListAsync(ct)).Chunk(1000))
            {
                var ids = chunk.Select(c => c.EntitlementId!.Value).ToList();
                var entitlements = await db.Entitlements.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
                foreach (var item in chunk)
                {
                    var earlier = JsonSerializer.Deserialize<EntitlementUpdate>(item.Before!)!;
                    if (EntitlementRules.Restore(entitlements[item.EntitlementId!.Value], earlier, db.Caller.UserName, now) is { } change)
                    {
                        db.StatusChanges.Add(change);
                        restored++;
                    }
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            // Rows that exist only because of the import go with it. History is otherwise append-only,
            // so these deletes bypass the change tracker; the import's own record says what was removed, and the audit
            // trail (so the change feed) each removed tenant, and each removed entitlement of a tenant that stays.
            var gone = await db.Tenants.AsNoTracking().Where(t => createdTenants.Contains(t.Id)).ToListAsync(ct);
            db.AuditEntries.AddRange(gone.Select(t => AuditTrail.Untracked(db, t, EntityState.Deleted, db.Caller, now)));
            var goneEntitlements = await db.Entitlements.AsNoTracking()
                .Where(e => createdEntitlements.Contains(e.Id) && !createdTenants.Contains(e.TenantId)).ToListAsync(ct);
            db.AuditEntries.AddRange(goneEntitlements.Select(e => AuditTrail.Untracked(db, e, EntityState.Deleted, db.Caller, now)));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await db.StatusChanges.Where(c => createdEntitlements.Contains(c.EntitlementId) || createdTenants.Contains(c.TenantId)).ExecuteDeleteAsync(ct);
            var entitlementsRemoved = await db.Entitlements.Where(e => createdEntitlements.Contains(e.Id) || createdTenants.Contains(e.TenantId)).ExecuteDeleteAsync(ct);
            var tenantsRemoved = await db.Tenants.Where(t => createdTenants.Contains(t.Id)).ExecuteDeleteAsync(ct);

            batch = await db.ImportBatches.FirstAsync(i => i.Id == id, ct);
            batch.RevertedAt = now;
            batch.RevertedBy = db.Caller.UserName;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            HeadwayLog.ImportReverted(logger ?? (ILogger)NullLogger.Instance, id, db.Caller.UserName, restored, entitlementsRemoved, tenantsRemoved);
            return Result<Response>.Ok(new Response(id, tenantsRemoved, entitlementsRemoved, restored));
        }
    }
}
