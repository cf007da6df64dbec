using System.Diagnostics.CodeAnalysis;
using Headway.Application.Data;
using Headway.Application.Search;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Imports;

/// <summary>
/// What every bulk load (an import, a demo portfolio) does around its rows, in one place. On SQLite it holds the
/// database's one write lock for its whole run, so it takes the <see cref="ImportActivity"/> lock first and other
/// writers are refused at once instead of after the busy timeout; it pauses the search index's triggers, whose
/// row-by-row upkeep would cost more than the load itself; and it may drop the secondary indexes of the tables it
/// fills and build them once at the end, several times faster than growing them row by row. The rows themselves go
/// through <see cref="BulkInserter{T}"/>. On PostgreSQL the lock, the pause and the indexes are left alone.
/// </summary>
internal sealed class BulkLoad : IDisposable
{
    private readonly HeadwayDbContext _db;
    private readonly IDisposable _hold;
    private readonly List<string> _droppedIndexes = [];

    private BulkLoad(HeadwayDbContext db, IDisposable hold)
    {
        _db = db;
        _hold = hold;
    }

    /// <summary>Whether this load paused the search index's triggers.</summary>
    public bool SearchIndexPaused { get; private set; }

    /// <summary>Whether an earlier load that stopped half way had left the triggers paused.</summary>
    public bool SearchIndexWasPausedBefore { get; private set; }

    /// <summary>Starts a load on the caller's behalf, unless another one holds the database (it comes back instead).</summary>
    public static bool TryBegin(HeadwayDbContext db, ImportActivity activity, string what, DateTimeOffset now,
        [NotNullWhen(true)] out BulkLoad? load, [NotNullWhen(false)] out ImportActivity.Info? running)
    {
        var (hold, other) = activity.Begin(db.Caller.UserName, what, now);
        if (hold is null)
        {
            (load, running) = (null, other ?? new ImportActivity.Info(now, "", ""));
            return false;
        }

        // The context that loads is the one writer the lock lets through.
        db.HoldsBulkLoad = true;
        (load, running) = (new BulkLoad(db, hold), null);
        return true;
    }

    /// <summary>Stops the search index's triggers until the index is rebuilt or fed with what the load wrote.</summary>
    public async Task PauseSearchIndexAsync(CancellationToken ct)
    {
        SearchIndexWasPausedBefore = await SearchIndex.IsPausedAsync(_db, ct);
        await SearchIndex.PauseAsync(_db, ct);
        SearchIndexPaused = true;
    }

    /// <summary>
    /// Drops the secondary (not unique) indexes of the tables on SQLite, remembering how to build them again
    /// (<see cref="RestoreIndexesAsync"/>). Inside a transaction the drop is part of it: a failed or dry run puts
    /// the indexes back with everything else.
    /// </summary>
    public async Task DropIndexesAsync(IEnumerable<string> tables, CancellationToken ct)
    {
        if (!_db.Database.IsSqlite())
        {
            return;
        }

        foreach (var table in tables)
        {
            _droppedIndexes.AddRange(await _db.Database.SqlQuery<string>($"""
                SELECT sql AS "Value" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                    AND tbl_name = {table}
                """).ToListAsync(ct));
            foreach (var index in await _db.Database.SqlQuery<string>($"""
                SELECT name AS "Value" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                    AND tbl_name = {table}
                """).ToListAsync(ct))
            {
#pragma warning disable EF1002 // Index names come from the schema itself.
                await _db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{index}\"", ct);
#pragma warning restore EF1002
            }
        }
    }

    /// <summary>Builds the indexes <see cref="DropIndexesAsync"/> dropped, once, from the rows now in place.</summary>
    public async Task RestoreIndexesAsync(CancellationToken ct)
    {
        if (_droppedIndexes.Count == 0)
        {
            return;
        }

        // SQLite's sorter may sort on a second thread; building the indexes of a large load is the place for it.
        // The setting stays with the connection, which the portal keeps for later requests: it is undone whatever happens.
        await _db.Database.ExecuteSqlRawAsync("PRAGMA threads = 2", ct);
        try
        {
            foreach (var sql in _droppedIndexes)
            {
#pragma warning disable EF1002 // The schema's own index definitions, read when they were dropped.
                await _db.Database.ExecuteSqlRawAsync(sql, ct);
#pragma warning restore EF1002
            }
        }
        finally
        {
            await _db.Database.ExecuteSqlRawAsync("PRAGMA threads = 0", CancellationToken.None);
        }

        _droppedIndexes.Clear();
    }

    /// <summary>Ends the load: other writers may write again.</summary>
    public void Dispose() => _hold.Dispose();
}
