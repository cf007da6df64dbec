using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Headway.Application.Data;

/// <summary>
/// The statements one kept-open SQLite connection has prepared, by their SQL, the most recently used first. EF Core
/// makes a new command for every query and Microsoft.Data.Sqlite prepares each command's SQL anew: on the tenant page,
/// eight queries of a few joins each, preparing was a quarter of the work SQLite did, more than running them. A
/// command handed out here is taken off the list until it is given back, so two readers never share one.
/// </summary>
internal sealed class SqliteStatementCache(int capacity)
{
    private static readonly ConditionalWeakTable<SqliteConnection, SqliteStatementCache> Caches = new();

    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _bySql = new(StringComparer.Ordinal);
    private readonly LinkedList<SqliteCommand> _recent = new();

    /// <summary>The cache of a connection kept open by <see cref="SqliteConnectionShelf"/>; null for any other connection.</summary>
    public static SqliteStatementCache? Of(DbConnection connection) =>
        connection is SqliteConnection sqlite && Caches.TryGetValue(sqlite, out var cache) ? cache : null;

    public static void Attach(SqliteConnection connection, int capacity) => Caches.AddOrUpdate(connection, new SqliteStatementCache(capacity));

    public int Count => _bySql.Count;

    /// <summary>Commands handed to EF Core and not yet disposed: while any is out, the connection is still in use.</summary>
    public int Outstanding { get; private set; }

    public void Lend() => Outstanding++;

    public void Return() => Outstanding--;

    /// <summary>
    /// The transaction Microsoft.Data.Sqlite holds open on the connection, begun through EF Core or on the connection
    /// itself; a new command gets it from <c>CreateCommand</c>, a kept one from here.
    /// </summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Transaction")]
    public static extern SqliteTransaction? PendingTransaction(SqliteConnection connection);

    /// <summary>A prepared command for the SQL if one is free, else a new one, prepared when first run.</summary>
    public SqliteCommand Take(SqliteConnection connection, string sql)
    {
        if (_bySql.Remove(sql, out var node))
        {
            _recent.Remove(node);
            node.Value.CommandTimeout = connection.DefaultTimeout;
            node.Value.Transaction = PendingTransaction(connection);
            return node.Value;
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Keeps a finished command for the next run of its SQL, dropping the least recently used beyond the capacity.</summary>
    public void Give(SqliteConnection connection, SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (connection.State != ConnectionState.Open || capacity <= 0 || _bySql.ContainsKey(command.CommandText))
        {
            command.Dispose();
            return;
        }

        _bySql[command.CommandText] = _recent.AddFirst(command);
        if (_bySql.Count > capacity)
        {
            var oldest = _recent.Last!;
            _recent.RemoveLast();
            _bySql.Remove(oldest.Value.CommandText);
            oldest.Value.Dispose();
        }
    }

    /// <summary>Finalises every kept statement (the connection is about to close, or a statement was left running).</summary>
    public void Clear()
    {
        foreach (var command in _recent)
        {
            command.Dispose();
        }

        _recent.Clear();
        _bySql.Clear();
    }
}

/// <summary>
/// Hands EF Core a command whose statement is kept between runs on a kept-open connection (see
/// <see cref="SqliteStatementCache"/>); any other connection gets EF Core's own command.
/// </summary>
internal sealed class SqliteStatementInterceptor : DbCommandInterceptor
{
    public static readonly SqliteStatementInterceptor Instance = new();

    public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        !result.HasResult && eventData.Connection is SqliteConnection { State: ConnectionState.Open } connection
            && SqliteStatementCache.Of(connection) is { } cache
            ? InterceptionResult<DbCommand>.SuppressWithResult(new CachedStatementCommand(connection, cache))
            : result;
}

/// <summary>
/// A command over a kept statement: it takes the statement for its SQL when EF Core sets the text, runs it as
/// Microsoft.Data.Sqlite's command does, and gives it back when disposed instead of finalising it.
/// </summary>
internal sealed class CachedStatementCommand : DbCommand
{
    private readonly SqliteConnection _connection;
    private readonly SqliteStatementCache _cache;
    private SqliteCommand? _inner;
    private bool _kept;
    private bool _returned;

    public CachedStatementCommand(SqliteConnection connection, SqliteStatementCache cache)
    {
        _connection = connection;
        _cache = cache;
        _cache.Lend();
    }

    private SqliteCommand Inner => _inner ??= _connection.CreateCommand();

    [AllowNull]
    public override string CommandText
    {
        get => _inner?.CommandText ?? "";
        set
        {
            if (_inner is null && !string.IsNullOrEmpty(value))
            {
                _inner = _cache.Take(_connection, value);
                _kept = true;
            }
            else
            {
                Inner.CommandText = value;
                _kept = false;
            }
        }
    }

    public override int CommandTimeout { get => Inner.CommandTimeout; set => Inner.CommandTimeout = value; }

    public override CommandType CommandType { get => Inner.CommandType; set => Inner.CommandType = value; }

    public override bool DesignTimeVisible { get => Inner.DesignTimeVisible; set => Inner.DesignTimeVisible = value; }

    public override UpdateRowSource UpdatedRowSource { get => Inner.UpdatedRowSource; set => Inner.UpdatedRowSource = value; }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            if (!ReferenceEquals(value, _connection))
            {
                throw new InvalidOperationException("A command over a kept statement stays on its connection.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

    protected override DbTransaction? DbTransaction { get => Inner.Transaction; set => Inner.Transaction = (SqliteTransaction?)value; }

    public override void Cancel() => Inner.Cancel();

    public override int ExecuteNonQuery() => Inner.ExecuteNonQuery();

    public override object? ExecuteScalar() => Inner.ExecuteScalar();

    public override void Prepare() => Inner.Prepare();

    protected override DbParameter CreateDbParameter() => Inner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Inner.ExecuteReader(behavior);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_returned)
        {
            _returned = true;
            if (_inner is { } inner)
            {
                _inner = null;
                if (_kept)
                {
                    _cache.Give(_connection, inner);
                }
                else
                {
                    inner.Dispose();
                }
            }

            _cache.Return();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// SQLite connections kept open between contexts, so that the statements they prepared (see
/// <see cref="SqliteStatementCache"/>) and the functions EF Core registers on every open outlive one request. At the
/// database level this is what the connection pool of Microsoft.Data.Sqlite already does with its native connections:
/// an idle connection holds no lock and reads the latest commit when it next runs a statement. A connection comes
/// back only without a transaction and without a statement left running; anything else is closed.
/// </summary>
internal sealed class SqliteConnectionShelf
{
    private static readonly ConcurrentDictionary<string, SqliteConnectionShelf> Shelves = new(StringComparer.Ordinal);

    private readonly Stack<SqliteConnection> _idle = new();
    private readonly string _connectionString;
    private readonly int _size;
    private readonly int _statements;
    private bool _closed;

    static SqliteConnectionShelf() => AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseAll();

    private SqliteConnectionShelf(string connectionString, int size, int statements)
    {
        _connectionString = connectionString;
        _size = size;
        _statements = statements;
    }

    /// <summary>
    /// Sets up the shelf of a connection string, holding up to <paramref name="size"/> idle connections of up to
    /// <paramref name="statements"/> kept statements each; the first set-up of a connection string holds.
    /// </summary>
    public static SqliteConnectionShelf Register(string connectionString, int size, int statements) =>
        Shelves.GetOrAdd(connectionString, cs => new SqliteConnectionShelf(cs, size, statements));

    /// <summary>The shelf set up for a connection string, or null.</summary>
    public static SqliteConnectionShelf? Find(string connectionString) => Shelves.GetValueOrDefault(connectionString);

    /// <summary>Closes every idle connection of the process; connections in use close when their context ends.</summary>
    public static void CloseAll()
    {
        foreach (var shelf in Shelves.Values)
        {
            shelf.Close();
        }
    }

    public int Idle
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>An open connection that was used before, or null when none is idle.</summary>
    public SqliteConnection? Take()
    {
        lock (_idle)
        {
            return _idle.TryPop(out var connection) ? connection : null;
        }
    }

    /// <summary>Prepares a connection EF Core has just made for keeping: it gets a statement cache.</summary>
    public void Adopt(SqliteConnection connection) => SqliteStatementCache.Attach(connection, _statements);

    /// <summary>Keeps a connection whose context has ended; false when it was not kept (the caller closes it).</summary>
    public bool Put(SqliteConnection connection)
    {
        if (connection.State != ConnectionState.Open || !IsQuiet(connection))
        {
            return false;
        }

        lock (_idle)
        {
            if (_closed || _idle.Count >= _size)
            {
                return false;
            }

            _idle.Push(connection);
            return true;
        }
    }

    /// <summary>Closes the idle connections and takes no more; a later set-up of the connection string starts a new shelf.</summary>
    public void Close()
    {
        Shelves.TryRemove(new KeyValuePair<string, SqliteConnectionShelf>(_connectionString, this));
        List<SqliteConnection> idle;
        lock (_idle)
        {
            _closed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            connection.Dispose();
        }

        // Disposed, each went back to Microsoft.Data.Sqlite's pool; closing that too lets the last one fold the log into the file.
        if (idle.Count > 0)
        {
            SqliteConnection.ClearPool(idle[0]);
        }
    }

    /// <summary>
    /// True when the connection is free for another request: no command of EF Core's still out, no transaction open
    /// (begun and not yet read from, or attached to the connection after SQLite rolled it back) and no statement left
    /// part-way, whose read snapshot would carry an old view of the data into the next request.
    /// </summary>
    private static bool IsQuiet(SqliteConnection connection)
    {
        if (connection.Handle is not { IsInvalid: false } handle || SqliteStatementCache.Of(connection) is not { Outstanding: 0 }
            || SqliteStatementCache.PendingTransaction(connection) is not null || raw.sqlite3_get_autocommit(handle) == 0)
        {
            return false;
        }

        try
        {
            return TransactionState(handle.DangerousGetHandle(), 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A SQLite library without the call: nothing is kept.
            return false;
        }
    }

    // sqlite3_txn_state (SQLite 3.34): 0 none, 1 read, 2 write, over every database of the connection when the schema is null.
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_txn_state", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int TransactionState(nint connection, nint schema);
}

#pragma warning disable EF1001 // EF Core's SQLite connection is internal API; this subclass only changes when its DbConnection is closed and disposed.
/// <summary>
/// EF Core's SQLite connection, taking its DbConnection from a <see cref="SqliteConnectionShelf"/> and leaving it open
/// after each query, where EF Core would close it (and Microsoft.Data.Sqlite then finalise its statements and unregister
/// EF Core's functions). When the context ends the connection goes back to the shelf, or is closed if it cannot.
/// </summary>
internal sealed class KeptOpenSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    private SqliteConnectionShelf? _shelf;

    private SqliteConnectionShelf? Shelf => _shelf ??= SqliteConnectionShelf.Find(ConnectionString ?? "");

    protected override DbConnection CreateDbConnection()
    {
        if (Shelf?.Take() is { } kept)
        {
            return kept;
        }

        var created = base.CreateDbConnection();
        if (created is SqliteConnection sqlite)
        {
            Shelf?.Adopt(sqlite);
        }

        return created;
    }

    protected override void CloseDbConnection()
    {
        if (DbConnection.State != ConnectionState.Open)
        {
            base.CloseDbConnection();
        }
    }

    protected override Task CloseDbConnectionAsync() =>
        DbConnection.State != ConnectionState.Open ? base.CloseDbConnectionAsync() : Task.CompletedTask;

    protected override void DisposeDbConnection()
    {
        if (!Keep())
        {
            base.DisposeDbConnection();
        }
    }

    protected override ValueTask DisposeDbConnectionAsync() => Keep() ? ValueTask.CompletedTask : base.DisposeDbConnectionAsync();

    private bool Keep()
    {
        if (DbConnection is not SqliteConnection sqlite)
        {
            return false;
        }

        if (Shelf?.Put(sqlite) == true)
        {
            return true;
        }

        SqliteStatementCache.Of(sqlite)?.Clear();
        return false;
    }
}
#pragma warning restore EF1001
