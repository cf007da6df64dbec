using Headway.Application.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Health endpoints for a load balancer in front of several web nodes: <c>/healthz</c> says the process
/// answers (restart it when not), <c>/readyz</c> that it can serve, i.e. reaches the database and runs
/// against the current schema (send it traffic only then). Both are anonymous and carry no data.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddHeadwayHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseCheck>("database", tags: [Ready]);
        return services;
    }

    public static void MapHeadwayHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
    }

    /// <summary>The database answers and no migration is pending.</summary>
    private sealed class DatabaseCheck(HeadwayDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (!await db.Database.CanConnectAsync(cancellationToken))
                {
                    return HealthCheckResult.Unhealthy("The database does not answer.");
                }

                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                return pending == 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied yet.");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", e);
            }
        }
    }
}
