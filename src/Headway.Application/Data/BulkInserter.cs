using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Headway.Application.Data;

/// <summary>
/// Inserts many rows of one entity type with one prepared command, bypassing change tracking.
/// Table and column names and value conversions come from the EF model, so the rows it writes are
/// exactly what EF itself would write. Callers assign the keys, or let the database assign them and read
/// each back (<c>keyFromDatabase</c>), which is safe beside other writers.
/// </summary>
internal sealed class BulkInserter<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, DbParameter Parameter, Func<object?, object?> ToProvider)[] _columns;
    private readonly IProperty? _generatedKey;

    public BulkInserter(HeadwayDbContext db, DbTransaction transaction, bool keyFromDatabase = false)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _generatedKey = keyFromDatabase ? entityType.FindPrimaryKey()!.Properties.Single() : null;
        var properties = entityType.GetProperties().Where(p => !p.IsShadowProperty() && p != _generatedKey).ToArray();

        _command = transaction.Connection!.CreateCommand();
        _command.Transaction = transaction;
        _columns = new (IProperty, DbParameter, Func<object?, object?>)[properties.Length];
        var names = new List<string>(properties.Length);
        var values = new List<string>(properties.Length);
        for (var i = 0; i < properties.Length; i++)
        {
            var p = properties[i];
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            if (parameter is Npgsql.NpgsqlParameter typed)
            {
                // PostgreSQL prepares a statement with typed parameters; the column's own type is the one.
                typed.DataTypeName = p.GetRelationalTypeMapping().StoreType;
            }

            _command.Parameters.Add(parameter);
            names.Add(sql.DelimitIdentifier(p.GetColumnName(table)!));
            values.Add(parameter.ParameterName);
            var converter = p.GetTypeMapping().Converter;
            Func<object?, object?> toProvider = converter is null
                ? v => v is Enum e ? Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) : v
                : v => v is null ? null : converter.ConvertToProvider(v);
            _columns[i] = (p, parameter, toProvider);
        }

        _command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})" +
            (_generatedKey is null ? "" : $" RETURNING {sql.DelimitIdentifier(_generatedKey.GetColumnName(table)!)}");
        _command.Prepare();
    }

    public void Add(T entity)
    {
        foreach (var (property, parameter, toProvider) in _columns)
        {
            parameter.Value = toProvider(property.GetGetter().GetClrValue(entity)) ?? DBNull.Value;
        }

        if (_generatedKey is null)
        {
            _command.ExecuteNonQuery();
            return;
        }

        var key = Convert.ToInt64(_command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        _generatedKey.PropertyInfo!.SetValue(entity, key);
    }

    public void Dispose() => _command.Dispose();
}
