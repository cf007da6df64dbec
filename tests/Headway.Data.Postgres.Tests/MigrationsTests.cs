using Headway.Application;
using Headway.Application.Data;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Data.Postgres.Tests;

public class MigrationsTests
{
    [Fact]
    public void Model_AgainstPostgresMigrations_HasNoPendingChanges()
    {
        // Comparing the model with the last migration's snapshot needs no server.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Database:Provider", "Postgres"), new("ConnectionStrings:Headway", "Host=127.0.0.1;Database=headway_model_check")])
            .Build();
        var services = new ServiceCollection();
        services.AddScoped<ICallerSource>(_ => new FixedCaller(Caller.System));
        services.AddHeadwayApplication(configuration);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();

        Assert.True(db.Database.IsNpgsql());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no PostgreSQL migration covers: run dotnet ef migrations add <Name> --project src/Headway.Data.Postgres --startup-project src/Headway.Data.Postgres");
    }

    [Fact]
    public async Task Migrate_FreshDatabase_AppliesEveryMigrationWithTheSearchIndexes()
    {
        // Always PostgreSQL: the test script starts the server and names it in HEADWAY_TEST_POSTGRES.
        await using var database = await TestDatabase.CreateAsync(postgres: true);

        var (applied, all, indexes) = await database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var trigram = await db.Database
                .SqlQueryRaw<string>("""SELECT indexname AS "Value" FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%' ORDER BY 1""")
                .ToListAsync();
            return ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), trigram);
        });

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Equal(["IX_Entitlements_SearchNote", "IX_OverallNotes_SearchText", "IX_Tenants_SearchText"], indexes);
    }
}
