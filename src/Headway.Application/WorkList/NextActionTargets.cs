using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.WorkList;

/// <summary>A next action after it was marked done or moved: for an entitlement, the version it now has.</summary>
/// <param name="Subject">An entitlement or an overall note.</param>
/// <param name="Id">Its id.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="Workload">The entitlement's workload; null for a note.</param>
/// <param name="NextActionDate">The next action's due date now; null once done.</param>
/// <param name="Done">Whether the next action is done.</param>
/// <param name="Version">The entitlement's version now; null for a note.</param>
public sealed record NextActionOutcome(WorkSubject Subject, long Id, long TenantId, string? Workload, DateOnly? NextActionDate, bool Done, int? Version);

/// <summary>Reading the entitlement or note a work-list action is about, in the caller's scope, the same for every action.</summary>
internal static class NextActionTargets
{
    /// <summary>The subjects whose next actions can be marked done or moved.</summary>
    public static Refusal NotActionable(WorkSubject subject) =>
        Refusal.ForField("subject", RefusalCodes.UnknownChoice, subject.Slug(), $"{WorkSubject.Entitlement.Slug()}, {WorkSubject.Note.Slug()}");

    /// <summary>The entitlement (tracked) and its tenant; 404 when it is not in the caller's scope.</summary>
    public static async Task<(Entitlement? Entitlement, Tenant? Tenant, Refusal? Refusal)> EntitlementAsync(HeadwayDbContext db, long id, CancellationToken ct)
    {
        var entitlement = await db.Entitlements.FirstOrDefaultAsync(e => e.Id == id, ct);
        var tenant = entitlement is null ? null : await db.Tenants.FirstOrDefaultAsync(t => t.Id == entitlement.TenantId, ct);
        return entitlement is null || tenant is null
            ? (null, null, Refusal.ForField("id", RefusalCodes.EntitlementNotFound, id.ToString(CultureInfo.InvariantCulture)))
            : (entitlement, tenant, null);
    }

    /// <summary>The note (tracked) and its tenant; 404 when it is not in the caller's scope.</summary>
    public static async Task<(OverallNote? Note, Tenant? Tenant, Refusal? Refusal)> NoteAsync(HeadwayDbContext db, long id, CancellationToken ct)
    {
        var note = await db.OverallNotes.FirstOrDefaultAsync(n => n.Id == id, ct);
        var tenant = note is null ? null : await db.Tenants.FirstOrDefaultAsync(t => t.Id == note.TenantId, ct);
        return note is null || tenant is null
            ? (null, null, Refusal.Of(RefusalCodes.NoteNotFound, id.ToString(CultureInfo.InvariantCulture)))
            : (note, tenant, null);
    }

    /// <summary>Saves; a write that raced past the version check is the same conflict, with the version that won.</summary>
    public static async Task<Refusal?> SaveAsync(HeadwayDbContext db, Entitlement? entitlement, int? expectedVersion, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException) when (entitlement is not null && expectedVersion is { } expected)
        {
            db.ChangeTracker.Clear();
            var current = await db.Entitlements.AsNoTracking().Where(e => e.Id == entitlement.Id).Select(e => e.Version).FirstAsync(ct);
            return EntitlementEditing.Mismatch(expected, current);
        }
    }

    public static NextActionOutcome Outcome(Entitlement e) =>
        new(WorkSubject.Entitlement, e.Id, e.TenantId, e.Workload, e.NextActionDate, e.NextActionDate is null && e.NextAction is null, e.Version);

    public static NextActionOutcome Outcome(OverallNote n) =>
        new(WorkSubject.Note, n.Id, n.TenantId, null, n.NextActionDate, n.NextActionDoneAt is not null, null);
}
