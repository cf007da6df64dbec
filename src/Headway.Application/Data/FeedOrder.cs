using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Data;

/// <summary>
/// Keeps the history's and the audit trail's ids in commit order, which the change feed's cursor relies on. On SQLite
/// writers take turns anyway. On PostgreSQL two transactions draw ids concurrently, so the later id could commit first
/// and a reader that saw it would pass the earlier one for good; a writer of either record therefore takes this
/// transaction-scoped advisory lock before its first row and holds it until it commits (milliseconds for an edit; an
/// import holds it for its whole run, so edits meanwhile wait for it).
/// </summary>
public static class FeedOrder
{
    /// <summary>The advisory lock's key: any constant no other lock of this database uses ("HWFEED" in ASCII).</summary>
    private const long LockKey = 0x485746454544;

    /// <summary>The audit trail's entities that the feed carries; the rest (users, tokens, views…) are administration.</summary>
    public static readonly IReadOnlyList<string> Entities = [nameof(Tenant), nameof(OverallNote), nameof(ExecutiveSummary), nameof(Entitlement)];

    /// <summary>Takes the lock in the current transaction; nothing on SQLite.</summary>
    internal static async Task LockAsync(HeadwayDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The feed's order is kept per transaction; begin one first.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        }
    }
}
