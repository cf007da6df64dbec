using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Data;

/// <summary>
/// One writer queue per SQLite database. SQLite has one writer at a time per file, so writers of this process
/// queue here instead of in SQLite's busy handler, which sleeps and retries; writers of different files (two
/// test databases, a second data file) have nothing to wait for and get a queue each.
/// </summary>
internal static class SqliteWriters
{
    // Connection strings seen so far, to the gate of the file they open: parsed once each.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByConnectionString = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByDatabase = new(StringComparer.Ordinal);

    /// <summary>The gate of the database a connection string opens.</summary>
    public static SemaphoreSlim For(string connectionString) =>
        ByConnectionString.GetOrAdd(connectionString, cs => ByDatabase.GetOrAdd(DatabaseKey(cs), _ => new SemaphoreSlim(1, 1)));

    /// <summary>
    /// Waits for the database's turn when it is SQLite and no transaction of this context holds it yet (a write inside
    /// one already has it); nothing to wait for on PostgreSQL. Dispose the answer to let the next writer on.
    /// </summary>
    public static async ValueTask<Turn> TakeTurnAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null || !db.Database.IsSqlite())
        {
            return default;
        }

        var gate = For(db.Database.GetConnectionString() ?? "");
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    /// <summary>A writer's turn; disposing it ends the turn.</summary>
    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }

    /// <summary>The full path of the data file; an in-memory database by its name, which is what connections share.</summary>
    internal static string DatabaseKey(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || source is "" or ":memory:"
            ? "memory:" + source
            : Path.GetFullPath(source);
    }
}
