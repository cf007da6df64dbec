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
