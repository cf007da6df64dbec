using Headway.Application.Data;
using Headway.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Cli.Tests;

/// <summary><c>headway backup</c>: a consistent copy of a live SQLite database, never over an existing file.</summary>
public class BackupCommandTests
{
    [Fact]
    public async Task Backup_WhileAWriteIsOpen_CopiesWhatIsCommitted_AndTheCopyOpensAsAHeadwayDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(postgres: false);
        Assert.Equal(0, (await CliProcess.RunAsync(database.Folder, null, "demo", "--tenants", "20", "--connection", database.ConnectionString)).ExitCode);
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var target = Path.Combine(database.Folder, "backups", "headway-copy.db");

        // Another writer holds a transaction with rows it has not committed: the copy must not have them.
        await using (var writer = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await writer.OpenAsync();
            await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync();
            await using (var insert = writer.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO \"Partners\" (\"Name\", \"PasswordSignInDisabled\") VALUES ('Uncommitted Partner', 0)";
                await insert.ExecuteNonQueryAsync();
            }

            var run = await CliProcess.RunAsync(database.Folder, null, "backup", target, "--connection", database.ConnectionString);
            Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
            await tx.RollbackAsync();
        }

        await using (var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            async Task<object?> ScalarAsync(string sql)
            {
                await using var command = copy.CreateCommand();
                command.CommandText = sql;
                return await command.ExecuteScalarAsync();
            }

            Assert.Equal(20L, await ScalarAsync("SELECT count(*) FROM \"Tenants\""));
            Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM \"Partners\" WHERE \"Name\" = 'Uncommitted Partner'"));
            Assert.Equal(await database.RunAsync(async sp => (long)(await sp.GetRequiredService<HeadwayDbContext>().Database.GetAppliedMigrationsAsync()).Count()),
                await ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\""));
            Assert.Equal("ok", await ScalarAsync("PRAGMA integrity_check"));
        }

        Assert.False(File.Exists(target + ".partial"));

        var again = await CliProcess.RunAsync(database.Folder, null, "backup", target, "--connection", database.ConnectionString);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists already", again.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_OfAPostgresDatabase_PointsToPgDump_AndWritesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("headway-backup-").FullName;
        var target = Path.Combine(folder, "copy.db");

        var run = await CliProcess.RunAsync(folder, null, "backup", target, "--provider", "Postgres", "--connection", "Host=127.0.0.1;Database=none");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("pg_dump", run.StdOut, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }
}
