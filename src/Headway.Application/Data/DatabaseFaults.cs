using System.Data.Common;
using System.Net.Sockets;
using Headway.Application.Imports;
using Headway.Domain.Results;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Headway.Application.Data;

/// <summary>
/// Why the database could not serve a request, as a refusal with a stable code and how long to wait before
/// trying again. Everything here is a condition of the server, not of the request: the web layer answers it
/// with 503 and Retry-After, and the request changed nothing (each write is one transaction).
/// </summary>
public static class DatabaseFaults
{
    /// <summary>The fault behind an exception (looking through wrapping exceptions), or null when it is not one.</summary>
    public static (Refusal Refusal, int RetryAfterSeconds)? Classify(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (Of(e) is { } fault)
            {
                return fault;
            }
        }

        return null;
    }

    private static (Refusal, int)? Of(Exception e) => e switch
    {
        ImportRunningException running => (Refusal.Of(RefusalCodes.ImportRunning, running.StartedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            Seconds(running.RetryAfterSeconds)), running.RetryAfterSeconds),
        // Growing the shared-memory index fails when the disk is full, before the log itself is written.
        SqliteException { SqliteExtendedErrorCode: SqliteIoErrShmSize } => Fault(RefusalCodes.DatabaseFull, 60),
        SqliteException sqlite => sqlite.SqliteErrorCode switch
        {
            5 or 6 => Fault(RefusalCodes.DatabaseBusy, 5), // SQLITE_BUSY, SQLITE_LOCKED: another writer held it past the busy timeout
            8 => Fault(RefusalCodes.DatabaseReadOnly, 60), // SQLITE_READONLY
            13 => Fault(RefusalCodes.DatabaseFull, 60), // SQLITE_FULL
            7 or 10 or 11 or 14 or 15 or 26 => Fault(RefusalCodes.DatabaseUnavailable, 30), // NOMEM, IOERR, CORRUPT, CANTOPEN, PROTOCOL, NOTADB
            _ => null,
        },
        PostgresException pg => pg.SqlState switch
        {
            "53100" => Fault(RefusalCodes.DatabaseFull, 60), // disk_full
            "25006" => Fault(RefusalCodes.DatabaseReadOnly, 60), // read_only_sql_transaction (a standby)
            "40P01" or "55P03" or "57014" => Fault(RefusalCodes.DatabaseBusy, 5), // deadlock, lock not available, statement timeout
            _ when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("58", StringComparison.Ordinal)
                => Fault(RefusalCodes.DatabaseUnavailable, 10), // connection, resources, shutting down or starting, system error
            _ => null,
        },
        NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException
            => Fault(RefusalCodes.DatabaseUnavailable, 10),
        TimeoutException => Fault(RefusalCodes.DatabaseBusy, 5),
        SocketException => Fault(RefusalCodes.DatabaseUnavailable, 10),
        _ => null,
    };

    /// <summary>SQLITE_IOERR_SHMSIZE: the <c>-shm</c> file could not grow.</summary>
    private const int SqliteIoErrShmSize = 10 | (19 << 8);

    private static (Refusal, int) Fault(string code, int seconds) => (Refusal.Of(code, Seconds(seconds)), seconds);

    private static string Seconds(int seconds) => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether an exception is a database fault (for filters that must not catch anything else).</summary>
    public static bool Is(Exception e) => Classify(e) is not null;

    /// <summary>A short description for logs: the provider's own message of the innermost database exception.</summary>
    public static string Describe(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
            {
                return db.Message;
            }
        }

        return exception.Message;
    }
}
