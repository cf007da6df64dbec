using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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
/// SQLite gets one prepared INSERT per row (in-process, so a row costs microseconds). PostgreSQL would pay a
/// network round trip per row, so rows are buffered and sent with binary COPY when <see cref="Flush"/> is
/// called; the caller flushes its inserters in foreign-key order.
/// </para>
/// </summary>
internal sealed class BulkInserter<T> : IDisposable where T : class
{
    private const int KeyBlock = 5_000;

    private readonly (IProperty Property, DbParameter? Parameter, Func<object?, object?> ToProvider, string StoreType)[] _columns;
    private readonly DbCommand? _insert;
    private readonly NpgsqlConnection? _postgres;
    private readonly string _copy = "";
    private readonly List<object?[]> _buffer = [];
    private readonly IProperty? _key;
    private readonly string? _sequence;
    private readonly Queue<long> _reserved = new();
    private long _nextKey;

    public BulkInserter(HeadwayDbContext db, DbTransaction transaction, bool assignKeys = false)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entityType.GetProperties().Where(p => !p.IsShadowProperty()).ToArray();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var names = properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)).ToList();
        _postgres = transaction.Connection as NpgsqlConnection;
        if (assignKeys)
        {
            _key = entityType.FindPrimaryKey()!.Properties.Single();
            var keyColumn = _key.GetColumnName(table)!;
            if (_postgres is null)
            {
                using var max = transaction.Connection!.CreateCommand();
                max.Transaction = transaction;
                max.CommandText = $"SELECT coalesce(max({sql.DelimitIdentifier(keyColumn)}), 0) FROM {tableName}";
                _nextKey = Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) + 1;
                FirstKey = _nextKey;
            }
            else
            {
                _sequence = $"pg_get_serial_sequence('{tableName}', '{keyColumn}')";
            }
        }

        _columns = new (IProperty, DbParameter?, Func<object?, object?>, string)[properties.Length];
        if (_postgres is null)
        {
            _insert = transaction.Connection!.CreateCommand();
            _insert.Transaction = transaction;
        }

        for (var i = 0; i < properties.Length; i++)
        {
            var p = properties[i];
            var mapping = p.GetRelationalTypeMapping();
            var converter = mapping.Converter;
            Func<object?, object?> toProvider = converter is null
                ? v => v is Enum e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : v
                : v => v is null ? null : converter.ConvertToProvider(v);
            DbParameter? parameter = null;
            if (_insert is not null)
            {
                parameter = _insert.CreateParameter();
                parameter.ParameterName = "@p" + i;
                _insert.Parameters.Add(parameter);
            }

            _columns[i] = (p, parameter, toProvider, mapping.StoreTypeNameBase);
        }

        if (_insert is not null)
        {
            _insert.CommandText = $"INSERT INTO {tableName} ({string.Join(", ", names)}) VALUES ({string.Join(", ", _columns.Select(c => c.Parameter!.ParameterName))})";
            _insert.Prepare();
        }
        else
        {
            _copy = $"COPY {tableName} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)";
        }
    }

    /// <summary>The first key this inserter assigned or will assign (SQLite, with <c>assignKeys</c>): its rows are those from here on.</summary>
    public long FirstKey { get; private set; }

    /// <summary>Rows waiting for <see cref="Flush"/> (PostgreSQL only).</summary>
    public int Pending => _buffer.Count;

    public void Add(T entity)
    {
        if (_key is not null)
        {
            _key.PropertyInfo!.SetValue(entity, NextKey());
        }

        if (_insert is not null)
        {
            foreach (var (property, parameter, toProvider, _) in _columns)
            {
                parameter!.Value = toProvider(property.GetGetter().GetClrValue(entity)) ?? DBNull.Value;
            }

            _insert.ExecuteNonQuery();
            return;
        }

        var row = new object?[_columns.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = _columns[i].ToProvider(_columns[i].Property.GetGetter().GetClrValue(entity));
        }

        _buffer.Add(row);
    }

    /// <summary>Sends the buffered rows (PostgreSQL); a no-op on SQLite, where every row is written at once.</summary>
    public void Flush()
    {
        if (_postgres is null || _buffer.Count == 0)
        {
            return;
        }

        using (var importer = _postgres.BeginBinaryImport(_copy))
        {
            foreach (var row in _buffer)
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

        _buffer.Clear();
    }

    public void Dispose() => _insert?.Dispose();

    private long NextKey()
    {
        if (_sequence is null)
        {
            return _nextKey++;
        }

        if (_reserved.Count == 0)
        {
            // A block of the sequence's keys, whatever other sessions take meanwhile.
            using var reserve = new NpgsqlCommand($"SELECT nextval({_sequence}) FROM generate_series(1, {KeyBlock})", _postgres);
            using var reader = reserve.ExecuteReader();
            while (reader.Read())
            {
                _reserved.Enqueue(reader.GetInt64(0));
            }
        }

        return _reserved.Dequeue();
    }
}
