using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Data;

/// <summary>
/// Keeps the change feed's cursor from passing a change that is still being written. The feed reads the history and
/// the audit trail in id order; on SQLite writers take turns, so ids become visible in order. On PostgreSQL two
/// transactions draw ids at the same time and the later one can commit first: a reader that saw it and moved its
/// cursor would pass the earlier one for good. So a writer of either record first announces itself with a shared,
/// transaction-scoped advisory lock whose key holds each sequence's value at that moment (every id it draws later is
/// higher), and a reader reads each sequence's value, then the lowest announced value of the writers still running,
/// and only reads up to the lower of the two. Writers never wait for each other or for readers; a reader sees a
/// long transaction's later neighbours when it ends (an import's, for instance).
/// </summary>
public static class FeedOrder
{
    /// <summary>The audit trail's entities that the feed carries; the rest (users, tokens, views…) are administration.</summary>
    public static readonly IReadOnlyList<string> Entities = [nameof(Tenant), nameof(OverallNote), nameof(ExecutiveSummary), nameof(Entitlement)];

    /// <summary>The advisory locks' first keys, one per record ("HW" and 1, 2): no other lock of Headway uses them.</summary>
    private const int HistoryKey = 0x48570001, AuditKey = 0x48570002;

    /// <summary>
    /// The highest id a table's identity sequence has given: every id drawn later is higher. A sequence set by a load
    /// (<c>setval(…, n, false)</c>) has given n - 1.
    /// </summary>
    private const string LastHistory = "(SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM \"StatusChanges_Id_seq\")";

    private const string LastAudit = "(SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM \"AuditEntries_Id_seq\")";

    private const string Register = "SELECT pg_advisory_xact_lock_shared(1213661185, " + LastHistory + "::int), " +
        "pg_advisory_xact_lock_shared(1213661186, " + LastAudit + "::int)";

    private const string Lasts = "SELECT " + LastHistory + "::bigint AS \"History\", " + LastAudit + "::bigint AS \"Audit\"";

    private const string Running = "SELECT classid::bigint AS \"Key\", min(objid::bigint) AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' " +
        "AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid IN (1213661185, 1213661186) GROUP BY classid";

    /// <summary>Announces the current transaction as a writer of the feed's records; nothing on SQLite.</summary>
    internal static async Task RegisterAsync(HeadwayDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A writer is announced for its transaction; begin one first.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(Register, ct);
        }
    }

    /// <summary>
    /// The highest history and audit ids a reader may pass now: every row up to them is committed or will never be. Null
    /// for no limit (SQLite).
    /// </summary>
    public static async Task<(long? History, long? Audit)> WatermarkAsync(HeadwayDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return (null, null);
        }

        var (_, _, history, audit) = await MarksAsync(db, ct);
        return (history, audit);
    }

    /// <summary>
    /// The last history and audit ids drawn and the watermark of each (PostgreSQL): a watermark below its last id means a
    /// writer that started earlier is still running, and a row committed after it may lie above the watermark.
    /// </summary>
    internal static async Task<(long LastHistory, long LastAudit, long History, long Audit)> MarksAsync(HeadwayDbContext db, CancellationToken ct)
    {
        // The sequences first, then the writers running: a writer that announced itself after the first read draws ids
        // above it; one that announced itself before is still listed or has ended.
        var last = (await db.Database.SqlQueryRaw<LastValues>(Lasts).ToListAsync(ct))[0];
        var running = await db.Database.SqlQueryRaw<Announced>(Running).ToListAsync(ct);
        long Cap(int key, long value) => running.FirstOrDefault(r => r.Key == key) is { } r ? Math.Min(value, r.Value) : value;
        return (last.History, last.Audit, Cap(HistoryKey, last.History), Cap(AuditKey, last.Audit));
    }

    private sealed record LastValues(long History, long Audit);

    private sealed record Announced(long Key, long Value);
}
