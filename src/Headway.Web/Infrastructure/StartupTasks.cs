using Headway.Application.Data;
using Headway.Application.Demo;
using Headway.Application.Users;
using Microsoft.EntityFrameworkCore;

namespace Headway.Web.Infrastructure;

/// <summary>Applies migrations at start-up and, on an empty database, loads the demo portfolio.</summary>
public sealed class StartupTasks(IServiceProvider services, IConfiguration configuration, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        await HeadwayDatabase.MigrateAsync(db, cancellationToken);

        var tenants = configuration.GetValue("Demo:Tenants", 200);
        if (tenants > 0 && !await db.Tenants.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            // Users first: a load stopped half way is rolled back, and the users are there when it runs again.
            await scope.ServiceProvider.GetRequiredService<DemoUsers>().EnsureAsync(cancellationToken);
            logger.LogInformation("Empty database: generating {Tenants} demo tenants", tenants);
            var summary = await scope.ServiceProvider.GetRequiredService<DemoData>()
                .GenerateAsync(new DemoData.Options(tenants), cancellationToken);
            logger.LogInformation("Demo data: {Tenants} tenants, {Entitlements} entitlements, {Changes} history entries",
                summary.Tenants, summary.Entitlements, summary.StatusChanges);
            logger.LogInformation("Demo users: one per role for the centre and each partner, password {Password}", DemoUsers.Password);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
