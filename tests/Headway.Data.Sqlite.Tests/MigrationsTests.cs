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

    [Fact]
    public async Task Migrate_DatabaseFromAnotherBuild_IsRefusedWithTheReason()
    {
        await using var database = await TestDatabase.CreateAsync();

        // A database migrated before the squash records the first of the old migrations.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261123010108_Initial', '10.0.14')""");
            await HeadwayDatabase.MigrateAsync(db);
            return 0;
        }));

        Assert.Contains("20261123010108_Initial", error.Message);
        Assert.Contains("ADR-005", error.Message);
    }
}
