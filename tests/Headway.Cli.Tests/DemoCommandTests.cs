using Headway.Application.Data;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_WithTenantCount_FillsTheConfiguredDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();

        var run = await CliProcess.RunAsync(database.Folder, null, "demo", "--tenants", "30", "--connection", database.ConnectionString);

        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        Assert.Contains("30 tenants", run.StdOut, StringComparison.Ordinal);
        var counts = await database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return (await db.Tenants.CountAsync(), await db.Entitlements.CountAsync(), await db.StatusChanges.CountAsync());
        });
        Assert.Equal(30, counts.Item1);
        Assert.True(counts.Item2 >= 30 * 3 && counts.Item3 > counts.Item2);
    }

    [Fact]
    public async Task Demo_KilledPartWay_LeavesNoTenantsButTheUsers_AndTheNextRunLoadsItAll()
    {
        await using var database = await TestDatabase.CreateAsync();
        var lockFile = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource + ".import-lock";

        using (var demo = CliProcess.Start(database.Folder, "demo", "--tenants", "50000", "--connection", database.ConnectionString))
        {
            // The users are created first; then the load takes the lock file and writes batch after batch in one transaction.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(lockFile) && !demo.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(50);
            }

            Assert.True(File.Exists(lockFile) && !demo.HasExited, "the demo load did not start");
            await Task.Delay(TimeSpan.FromSeconds(2));
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync();
        }

        var killed = await CountsAsync(database);
        var rerun = await CliProcess.RunAsync(database.Folder, null, "demo", "--tenants", "30", "--connection", database.ConnectionString);
        var loaded = await CountsAsync(database);

        Assert.Equal((0, 24), killed);
        Assert.True(rerun.ExitCode == 0, rerun.StdErr + rerun.StdOut);
        Assert.Equal((30, 24), loaded);
    }

    private static Task<(int Tenants, int Users)> CountsAsync(TestDatabase database) => database.RunAsync(async sp =>
    {
        var db = sp.GetRequiredService<HeadwayDbContext>();
        return (await db.Tenants.CountAsync(), await db.Users.CountAsync());
    });

    [Fact]
    public async Task Demo_DefaultConnection_CreatesTheDataFolderInTheWorkingDirectory()
    {
        var folder = Directory.CreateTempSubdirectory("headway-cli-").FullName;
        try
        {
            var run = await CliProcess.RunAsync(folder, null, "demo", "--tenants", "5");

            Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
            Assert.True(File.Exists(Path.Combine(folder, "data", "headway.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("many")]
    public async Task Demo_InvalidTenantCount_FailsWithAMessageAndWritesNothing(string count)
    {
        await using var database = await TestDatabase.CreateAsync();

        var run = await CliProcess.RunAsync(database.Folder, null, "demo", "--tenants", count, "--connection", database.ConnectionString);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--tenants", run.StdErr + run.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, await database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.CountAsync()));
    }

    [Fact]
    public async Task Migrate_FreshFile_CreatesTheSchema()
    {
        var folder = Directory.CreateTempSubdirectory("headway-cli-").FullName;
        try
        {
            var path = Path.Combine(folder, "fresh.db");

            var run = await CliProcess.RunAsync(folder, null, "migrate", "--connection", $"Data Source={path}");

            Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
            Assert.True(File.Exists(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
