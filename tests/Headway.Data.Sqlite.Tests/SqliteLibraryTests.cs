using Headway.Application.Data;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace Headway.Data.Sqlite.Tests;

public class SqliteLibraryTests
{
    [Fact]
    public async Task Connections_RunWithoutMemoryStatistics_AndReadSideBySide()
    {
        await using var database = await TestDatabase.CreateAsync(postgres: false);

        // Eight requests at once, each with its own context and connection, as the portal reads under load. (The mode itself
        // cannot be read back from SQLite: Configure is true only when both settings were accepted, and the statistics
        // staying at zero shows they took effect.)
        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var total = 0;
            for (var i = 0; i < 50; i++)
            {
                total += await db.Workloads.AsNoTracking().CountAsync();
            }

            return total;
        }))));

        Assert.True(SqliteLibrary.Configure(), "The process opened a SQLite connection before the library's settings were made.");
        Assert.Equal(0, raw.sqlite3_memory_used());
        Assert.True(counts[0] > 0);
        Assert.All(counts, c => Assert.Equal(counts[0], c));
    }
}
