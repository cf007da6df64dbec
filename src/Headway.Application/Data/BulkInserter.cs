using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace Headway.Application.Data;

/// <summary>
/// Inserts many rows of one entity type, bypassing change tracking. Table and column names and value
/// conversions come from the EF model, so the rows it writes are exactly what EF itself would write.
/// <para>
/// Keys: callers assign them, or (<c>assignKeys</c>) the inserter does, safely beside other writers: on
/// SQLite from the table's largest key, read once the transaction holds the database's single write lock;
/// on PostgreSQL from the key's own sequence, reserved a block at a time.
/// </para>
/// <para>
/// SQLite gets one prepared INSERT per row (in-process, so a row costs microseconds), its values bound by
/// position straight on the statement: binding by name looks every parameter up again for every row, which
/// took a third of a large import's time. PostgreSQL would pay a network round trip per row, so rows are
/// buffered and sent with binary COPY when <see cref="Flush"/> is called; the caller flushes its inserters
/// in foreign-key order.
/// </para>
/// <para>
/// With a <see cref="BulkWrites"/>, rows are buffered on both databases and written on another thread while
/// the caller prepares the next ones (see there).
/// </para>
/// </summary>
internal sealed class BulkInserter<T> : IBulkInserter, IDisposable where T : class
{
    /// <summary>PostgreSQL keys reserved per query; a failed import leaves a gap, as any rolled-back insert does.</summary>
    private const int KeyBlock = 50_000;

    /// <summary>How long a row waits for another connection's write lock before the insert fails.</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly (IClrPropertyGetter Getter, Func<object?, object?> ToProvider, string StoreType)[] _columns;
    private readonly SqliteConnection? _sqlite;
    private readonly sqlite3_stmt? _insert;
    private readonly NpgsqlConnection? _postgres;
    private readonly string _copy = "";
    private readonly IProperty? _key;
    private readonly string? _sequence;
    private readonly Queue<long> _reserved = new();
    private NpgsqlConnection? _keyConnection;
    private readonly BulkWrites? _writes;
    private readonly bool[] _boundNull = [];
    private List<object?[]> _buffer = [];
    private long _nextKey;

    public BulkInserter(HeadwayDbContext db, DbTransaction transaction, bool assignKeys = false, BulkWrites? writes = null)
    {
        _postgres = transaction.Connection as NpgsqlConnection;
        // SQLite writes in-process and a row at a time: buffering its rows as boxed values costs more than it saves.
        _writes = _postgres is null ? null : writes;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entityType.GetProperties().Where(p => !p.IsShadowProperty()).ToArray();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var names = properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)).ToList();
        if (assignKeys)
        {
            _key = entityType.FindPrimaryKey()!.Properties.Single();
            var keyColumn = _key.GetColumnName(table)!;
            if (_postgres is null)
            {
                using var max = transaction.Connection!.CreateCommand();
                max.Transaction = transaction;
                // Past every key ever given too (AUTOINCREMENT's record), not only the rows left: a key reused after a
                // delete at the end would sit behind a change-feed cursor that has already passed it.
                var given = entityType.GetTableName()!.Replace("'", "''", StringComparison.Ordinal);
                max.CommandText = $"SELECT max(coalesce((SELECT max({sql.DelimitIdentifier(keyColumn)}) FROM {tableName}), 0), " +
                    $"coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{given}'), 0))";
                _nextKey = Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) + 1;
                FirstKey = _nextKey;
            }
            else
            {
                _sequence = $"pg_get_serial_sequence('{tableName}', '{keyColumn}')";
            }
        }

        _columns = new (IClrPropertyGetter, Func<object?, object?>, string)[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var p = properties[i];
            var mapping = p.GetRelationalTypeMapping();
            var converter = mapping.Converter;
            Func<object?, object?> toProvider = converter is null
                ? v => v is Enum e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : v
                : v => v is null ? null : converter.ConvertToProvider(v);
            _columns[i] = (p.GetGetter(), toProvider, mapping.StoreTypeNameBase);
        }

        if (_postgres is null)
        {
            _sqlite = (SqliteConnection)transaction.Connection!;
            var insert = $"INSERT INTO {tableName} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => "?" + (i + 1)))})";
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_sqlite.Handle, insert, out _insert), _sqlite.Handle);
            _boundNull = Enumerable.Repeat(true, names.Count).ToArray(); // a new statement's values are all NULL
        }
        else
        {
            _copy = $"COPY {tableName} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)";
        }
    }

    /// <summary>The first key this inserter assigned or will assign (SQLite, with <c>assignKeys</c>): its rows are those from here on.</summary>
    public long FirstKey { get; private set; }

    /// <summary>Rows waiting for <see cref="Flush"/> (PostgreSQL, or with a <see cref="BulkWrites"/>).</summary>
    public int Pending => _buffer.Count;

    public void Add(T entity)
    {
        if (_key is not null)
        {
            _key.PropertyInfo!.SetValue(entity, NextKey());
        }

        if (_insert is not null && _writes is null)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                Bind(i + 1, _columns[i].ToProvider(_columns[i].Getter.GetClrValue(entity)));
            }

            Step();
            return;
        }

        var row = new object?[_columns.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = _columns[i].ToProvider(_columns[i].Getter.GetClrValue(entity));
        }

        _buffer.Add(row);
    }

    /// <summary>Writes the buffered rows now (a no-op when every row was written as it was added).</summary>
    public void Flush() => Write(Detach());

    /// <summary>Hands over the buffered rows, to be written by <see cref="Write"/>, and starts a new buffer.</summary>
    public List<object?[]> Detach()
    {
        var rows = _buffer;
        _buffer = [];
        return rows;
    }

    /// <summary>Writes rows taken by <see cref="Detach"/>; the connection must be free for it.</summary>
    public void Write(List<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (_insert is not null)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    Bind(i + 1, row[i]);
                }

                Step();
            }

            return;
        }

        using var importer = _postgres!.BeginBinaryImport(_copy);
        foreach (var row in rows)
        {
            importer.StartRow();
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(row[i], _columns[i].StoreType);
                }
            }
        }

        importer.Complete();
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _keyConnection?.Dispose();
    }

    /// <summary>Binds a value as Microsoft.Data.Sqlite would store it, for the types the model's columns have.</summary>
    private void Bind(int index, object? value)
    {
        // A statement keeps its values from row to row: a column that stays empty is not bound again.
        if (value is null && _boundNull[index - 1])
        {
            return;
        }

        _boundNull[index - 1] = value is null;
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_insert, index),
            string text => raw.sqlite3_bind_text(_insert, index, text),
            long n => raw.sqlite3_bind_int64(_insert, index, n),
            int n => raw.sqlite3_bind_int64(_insert, index, n),
            short n => raw.sqlite3_bind_int64(_insert, index, n),
            byte n => raw.sqlite3_bind_int64(_insert, index, n),
            bool b => raw.sqlite3_bind_int64(_insert, index, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(_insert, index, d),
            float f => raw.sqlite3_bind_double(_insert, index, f),
            byte[] blob => raw.sqlite3_bind_blob(_insert, index, blob),
            DateOnly date => raw.sqlite3_bind_text(_insert, index, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException($"{typeof(T).Name}: bulk inserts do not bind {value.GetType().Name} values."),
        };
        SqliteException.ThrowExceptionForRC(rc, _sqlite!.Handle);
    }

    /// <summary>Runs the bound insert; another connection's write lock is waited for, as a command would.</summary>
    private void Step()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var rc = raw.sqlite3_step(_insert);
            raw.sqlite3_reset(_insert);
            if (rc == raw.SQLITE_DONE)
            {
                return;
            }

            if ((rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED) && waited.Elapsed < BusyTimeout)
            {
                Thread.Sleep(5);
                continue;
            }

            SqliteException.ThrowExceptionForRC(rc, _sqlite!.Handle);
        }
    }

    private long NextKey()
    {
        if (_sequence is null)
        {
            return _nextKey++;
        }

        if (_reserved.Count == 0)
        {
            // A block of the sequence's keys, whatever other sessions take meanwhile. Sequences stand outside
            // transactions, so while the import's own connection writes earlier rows on another thread the keys
            // are taken through a second session of their own, on the other core (50,000 keys cost the server
            // about 0.1 s: 7 s of a 1,600,000-row import).
            if (_writes is not null && _keyConnection is null)
            {
                _keyConnection = (NpgsqlConnection)((ICloneable)_postgres!).Clone();
                _keyConnection.Open();
            }

            using var reserve = new NpgsqlCommand($"SELECT nextval({_sequence}) FROM generate_series(1, {KeyBlock})", _keyConnection ?? _postgres);
            using var reader = reserve.ExecuteReader();
            while (reader.Read())
            {
                _reserved.Enqueue(reader.GetInt64(0));
            }
        }

        return _reserved.Dequeue();
    }
}

/// <summary>An inserter's buffered rows, seen without its entity type.</summary>
internal interface IBulkInserter
{
    int Pending { get; }

    List<object?[]> Detach();

    void Write(List<object?[]> rows);
}

/// <summary>
/// Writes the buffered rows of several <see cref="BulkInserter{T}"/> of one connection on another thread, in
/// the order given (parents first), while the caller checks and prepares the next rows: a large import's
/// own work and the database's then take the two cores side by side instead of in turn. One batch is
/// written at a time. The caller awaits <see cref="IdleAsync"/> before it uses the connection for anything
/// else; a failed write is thrown there, or by the next <see cref="SendAsync"/>.
/// </summary>
internal sealed class BulkWrites
{
    private readonly List<IBulkInserter> _inserters = [];
    private Task _writing = Task.CompletedTask;

    /// <summary>The most rows any inserter holds.</summary>
    public int Pending => _inserters.Count == 0 ? 0 : _inserters.Max(i => i.Pending);

    /// <summary>Adds an inserter; its rows are written after those of the inserters added before it.</summary>
    public BulkInserter<T> Add<T>(BulkInserter<T> inserter) where T : class
    {
        _inserters.Add(inserter);
        return inserter;
    }

    /// <summary>Starts writing what the inserters hold, once the batch before has been written.</summary>
    public async Task SendAsync(CancellationToken ct)
    {
        await _writing;
        var batches = _inserters.Select(i => (Inserter: i, Rows: i.Detach())).Where(b => b.Rows.Count > 0).ToList();
        if (batches.Count > 0)
        {
            _writing = Task.Run(() => batches.ForEach(b => b.Inserter.Write(b.Rows)), ct);
        }
    }

    /// <summary>Completes when no batch is being written.</summary>
    public Task IdleAsync() => _writing;
}
