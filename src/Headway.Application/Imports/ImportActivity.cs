using System.Text.Json;
using Headway.Application.Data;
using Microsoft.Extensions.Configuration;

namespace Headway.Application.Imports;

/// <summary>
/// A bulk load on SQLite (an import, a demo portfolio) holds the database's one write lock for as long as it runs,
/// minutes for a large file. Rather than let every edit meanwhile wait out the busy timeout and fail, the load takes
/// a lock file next to the database (an OS file lock, released even when the process is killed) and says who
/// started it and when; every other write sees it and is refused at once with <see cref="ImportRunningException"/>
/// (the web layer answers 503 with Retry-After), and pages say that an import is running. PostgreSQL needs none of
/// this: an import there blocks no one.
/// </summary>
public sealed class ImportActivity
{
    /// <summary>How long a refused writer is told to wait before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    private readonly string? _lockPath;

    private ImportActivity(string? databaseFile) => _lockPath = databaseFile is null ? null : databaseFile + ".import-lock";

    /// <summary>The activity of the database configuration names (none for PostgreSQL or an in-memory database).</summary>
    public static ImportActivity For(IConfiguration configuration) =>
        new(HeadwayDatabase.IsPostgres(configuration) ? null : HeadwayDatabase.SqliteFile(configuration));

    /// <summary>Who is loading what, since when.</summary>
    public sealed record Info(DateTimeOffset StartedAt, string By, string What);

    private string InfoPath => _lockPath + ".json";

    /// <summary>The bulk load running on this database now, or null.</summary>
    public Info? Running()
    {
        if (_lockPath is null || !File.Exists(_lockPath))
        {
            return null;
        }

        try
        {
            // A shared lock is granted unless a load holds the exclusive one; a load that died released it.
            using var probe = new FileStream(_lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return ReadInfo() ?? new Info(File.GetLastWriteTimeUtc(_lockPath), "", "");
        }
    }

    /// <summary>
    /// Starts a bulk load: null when another one is running (its info comes back), otherwise a handle that ends it
    /// when disposed. On PostgreSQL a handle that does nothing.
    /// </summary>
    public (IDisposable? Handle, Info? Other) Begin(string by, string what, DateTimeOffset now)
    {
        if (_lockPath is null)
        {
            return (new Holder(null, null, null), null);
        }

        // A reader probing the lock holds a shared lock for microseconds; try for a moment before giving up.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var stream = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                File.WriteAllText(InfoPath, JsonSerializer.Serialize(new Info(now, by, what)));
                return (new Holder(stream, _lockPath, InfoPath), null);
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
            catch (IOException)
            {
                return (null, Running() ?? new Info(now, "", ""));
            }
        }
    }

    private Info? ReadInfo()
    {
        try
        {
            return JsonSerializer.Deserialize<Info>(File.ReadAllText(InfoPath));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed class Holder(FileStream? stream, string? lockPath, string? infoPath) : IDisposable
    {
        public void Dispose()
        {
            if (stream is null)
            {
                return;
            }

            TryDelete(infoPath!);
            TryDelete(lockPath!);
            stream.Dispose();
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Left behind, it is harmless: nobody holds its lock.
            }
        }
    }
}

/// <summary>A write refused because a bulk load holds the SQLite database (see <see cref="ImportActivity"/>).</summary>
public sealed class ImportRunningException(ImportActivity.Info info)
    : Exception($"A bulk load ({info.What}) has held the database since {info.StartedAt:u}.")
{
    public DateTimeOffset StartedAt => info.StartedAt;

    public int RetryAfterSeconds => ImportActivity.RetryAfterSeconds;
}
