using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Headway.Application.Data;

/// <summary>
/// How a SQLite connection reads the file, set once per native connection when it is first opened (a pooled or kept
/// connection keeps its handle across opens). <paramref name="mapBytes"/> of the file are read through a memory map
/// instead of a read call per page: a list that counts or checks 100,000 tenants reads far more than a connection's own
/// pages hold and spent most of its time copying pages from the operating system's cache (the tenant list's count: 5 ms
/// against 0.1 ms). SQLite maps at most 2 GB, so in a larger file the rest is read page by page into the connection's own
/// cache of <paramref name="cacheKilobytes"/>: SQLite's default of 2 MB held too little of a 4 GB file's tenants and their
/// entitlements, and a name search or a filter that checks a few thousand tenants spent a quarter of its time reading
/// and parsing again the pages it had just dropped. The cache grows only as pages are read.
/// </summary>
internal sealed class SqliteReadSettings(long mapBytes, int cacheKilobytes) : DbConnectionInterceptor
{
    // The native connections the settings were made on; a pooled connection keeps its handle across opens.
    private readonly ConditionalWeakTable<object, object> _set = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private void Set(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _set.TryGetValue(handle, out _))
        {
            return;
        }

        var pragmas = new List<string>();
        if (mapBytes > 0)
        {
            pragmas.Add(string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {mapBytes};"));
        }

        if (cacheKilobytes > 0)
        {
            // A negative size is in kibibytes, a positive one in pages.
            pragmas.Add(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{cacheKilobytes};"));
        }

        if (pragmas.Count > 0)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = string.Join(" ", pragmas);
            command.ExecuteNonQuery();
        }

        _set.AddOrUpdate(handle, handle);
    }
}
