using Headway.Application.Data;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Data.Sqlite.Tests;

public class MigrationsTests
{
    [Fact]
    public async Task Model_AgainstSqliteMigrations_HasNoPendingChanges()
    {
        await using var database = await TestDatabase.CreateAsync();

        var pending = await database.RunAsync(sp => Task.FromResult(sp.GetRequiredService<HeadwayDbContext>().Database.HasPendingModelChanges()));

        Assert.False(pending, "The model has changes no migration covers: run dotnet ef migrations add <Name> --project src/Headway.Data.Sqlite --startup-project src/Headway.Data.Sqlite");
    }

    [Fact]
    public async Task Migrate_FreshFile_AppliesEveryMigrationAndUsesWal()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (applied, all, mode) = await database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode;";
            var journal = (string)(await cmd.ExecuteScalarAsync())!;
            return ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), journal);
        });

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Equal("wal", mode);
    }
}
