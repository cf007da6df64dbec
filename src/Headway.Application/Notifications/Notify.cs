using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notifications;

/// <summary>
/// The notices the portal shows under the bell, added to the unit of work of the change that causes them so that
/// they are saved with it or not at all (the one exception, a refused edit, saves its notice on its own). A notice
/// stores what happened (kind, actor, tenant, entitlement, one detail), never a sentence: the reader's language
/// renders it. Nobody is notified of what they did themselves.
/// </summary>
public static class Notify
{
    /// <summary>The tenant's manager is asked for an executive summary.</summary>
    public static async Task SummaryRequestedAsync(HeadwayDbContext db, Tenant tenant, SummaryRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if ((await UsersWhoSeeAsync(db, tenant, ct)).Named(request.RequestedOf) is { } manager && !IsCaller(db, manager))
        {
            Add(db, manager, NotificationKind.SummaryRequested, tenant, null, request.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), now);
        }
    }

    /// <summary>
    /// Each of the (tracked, changed) entitlements whose next action owner now names someone else than before: that
    /// person, when they are an enabled user who sees the tenant. Call before saving; the tracker still holds the values read.
    /// </summary>
    public static async Task NextActionOwnersAsync(HeadwayDbContext db, Tenant tenant, IEnumerable<Entitlement> entitlements, DateTimeOffset now, CancellationToken ct)
    {
        Candidates? users = null;
        foreach (var entitlement in entitlements)
        {
            var before = db.Entry(entitlement).Property(e => e.NextActionOwner).OriginalValue;
            if (!NamesSomeoneNew(before, entitlement.NextActionOwner))
            {
                continue;
            }

            users ??= await UsersWhoSeeAsync(db, tenant, ct);
            if (users.Named(entitlement.NextActionOwner!) is { } owner && !IsCaller(db, owner))
            {
                Add(db, owner, NotificationKind.NextActionAssigned, tenant, entitlement.Id, entitlement.NextAction, now);
            }
        }
    }

    /// <summary>An overall note's next action now names someone (<paramref name="before"/>: its owner until now, null for a new note).</summary>
    public static async Task NextActionOwnerAsync(HeadwayDbContext db, Tenant tenant, OverallNote note, string? before, DateTimeOffset now, CancellationToken ct)
    {
        if (NamesSomeoneNew(before, note.NextActionOwner)
            && (await UsersWhoSeeAsync(db, tenant, ct)).Named(note.NextActionOwner!) is { } owner && !IsCaller(db, owner))
        {
            Add(db, owner, NotificationKind.NextActionAssigned, tenant, null, note.NextAction, now);
        }
    }

    /// <summary>A tenant was assigned to <paramref name="manager"/>; <paramref name="previous"/> managed it until now.</summary>
    public static void TenantAssigned(HeadwayDbContext db, Tenant tenant, HeadwayUser manager, string? previous, DateTimeOffset now)
    {
        var candidate = Candidate.Of(manager);
        if (!candidate.IsNamed(previous) && !IsCaller(db, candidate))
        {
            Add(db, candidate, NotificationKind.TenantReassigned, tenant, null, previous, now);
        }
    }

    /// <summary>
    /// The caller's change of these workloads was refused because someone saved first: one notice per entitlement whose
    /// version moved, naming who saved it, so that the caller can redo the change later. Saved at once, on its own (the
    /// refused change saved nothing); an unread notice of the same entitlement is not repeated.
    /// </summary>
    public static async Task EditConflictedAsync(HeadwayDbContext db, long tenantId, IReadOnlyCollection<(string Workload, int Version)> read,
        DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await RecordConflictsAsync(db, tenantId, read, now, ct);
        }
        catch (Exception e) when (DatabaseFaults.Is(e))
        {
            // The notice is a courtesy: the refusal the caller gets says the same, and must not turn into a 503.
            db.ChangeTracker.Clear();
        }
    }

    private static async Task RecordConflictsAsync(HeadwayDbContext db, long tenantId, IReadOnlyCollection<(string Workload, int Version)> read,
        DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var me = await CallerAsync(db, ct);
        var tenant = me is null ? null : await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (me is null || tenant is null)
        {
            return;
        }

        var workloads = read.Select(r => r.Workload).ToList();
        var current = await db.Entitlements.AsNoTracking().Where(e => e.TenantId == tenantId && workloads.Contains(e.Workload)).ToListAsync(ct);
        var stale = current.Where(e => read.Any(r => string.Equals(r.Workload, e.Workload, StringComparison.OrdinalIgnoreCase) && r.Version != e.Version)).ToList();
        var ids = stale.Select(e => (long?)e.Id).ToList();
        var told = await db.Notifications.Where(n => n.UserId == me.Id && n.Kind == NotificationKind.EditConflicted && n.ReadAt == null && ids.Contains(n.EntitlementId))
            .Select(n => n.EntitlementId).ToListAsync(ct);
        foreach (var entitlement in stale.Where(e => !told.Contains(e.Id)))
        {
            db.Notifications.Add(new Notification
            {
                UserId = me.Id,
                PartnerId = tenant.PartnerId,
                Kind = NotificationKind.EditConflicted,
                TenantId = tenant.Id,
                EntitlementId = entitlement.Id,
                Actor = entitlement.LastChangedBy,
                Detail = entitlement.Workload,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The caller's own notices (the recipient is a user id; the caller is known by user name).</summary>
    public static IQueryable<Notification> Mine(HeadwayDbContext db)
    {
        var name = Normalize(db.Caller.UserName);
        return db.Notifications.Where(n => n.UserId == db.Users.Where(u => u.NormalizedUserName == name).Select(u => u.Id).FirstOrDefault());
    }

    private static bool NamesSomeoneNew(string? before, string? after) =>
        !string.IsNullOrWhiteSpace(after) && !string.Equals(before?.Trim(), after.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool IsCaller(HeadwayDbContext db, Candidate user) => user.IsNamed(db.Caller.UserName);

    internal static string Normalize(string name) => name.Normalize().ToUpperInvariant();

    private static async Task<Candidate?> CallerAsync(HeadwayDbContext db, CancellationToken ct)
    {
        var name = Normalize(db.Caller.UserName);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == name && !u.IsDisabled, ct);
        return user is null ? null : Candidate.Of(user);
    }

    private static void Add(HeadwayDbContext db, Candidate recipient, NotificationKind kind, Tenant tenant, long? entitlementId, string? detail, DateTimeOffset now) =>
        db.Notifications.Add(new Notification
        {
            UserId = recipient.Id,
            PartnerId = tenant.PartnerId,
            Kind = kind,
            TenantId = tenant.Id,
            EntitlementId = entitlementId,
            Actor = db.Caller.UserName,
            Detail = string.IsNullOrWhiteSpace(detail) ? null : detail.Trim(),
            CreatedAt = now,
        });

    /// <summary>
    /// The enabled users who may read the tenant: its partner's and the programme centre's, product analysts excepted
    /// (they see no tenants), and of those limited to some regions or countries only the ones whose geography holds the
    /// tenant. A few hundred at most, matched in memory so that case folds the same in every script.
    /// </summary>
    private static async Task<Candidates> UsersWhoSeeAsync(HeadwayDbContext db, Tenant tenant, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && !u.IsService && (u.PartnerId == null || u.PartnerId == tenant.PartnerId))
            .ToListAsync(ct);
        return new Candidates(users.Select(u => (User: u, Caller: Caller.Of(u)))
            .Where(u => Permissions.Allows(u.Caller, Permission.ReadTenants) && u.Caller.Covers(tenant.Region, tenant.Country))
            .Select(u => Candidate.Of(u.User)).ToList());
    }

    private sealed record Candidate(string Id, string? UserName, string? Email, string? DisplayName, Role Role, long? PartnerId)
    {
        public static Candidate Of(HeadwayUser u) => new(u.Id, u.UserName, u.Email, u.DisplayName, u.Role, u.PartnerId);

        public bool IsNamed(string? name) => name is not null && (Same(UserName, name) || Same(Email, name));

        private static bool Same(string? a, string b) => a is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

        public bool HasDisplayName(string name) => Same(DisplayName, name);
    }

    /// <summary>
    /// Who a typed name means: the user with that user name or email, else the one user with that display name. A
    /// display name that several users share names nobody, rather than the wrong person.
    /// </summary>
    private sealed class Candidates(List<Candidate> users)
    {
        public Candidate? Named(string name)
        {
            if (users.FirstOrDefault(u => u.IsNamed(name)) is { } exact)
            {
                return exact;
            }

            var byDisplayName = users.Where(u => u.HasDisplayName(name)).Take(2).ToList();
            return byDisplayName.Count == 1 ? byDisplayName[0] : null;
        }
    }
}
