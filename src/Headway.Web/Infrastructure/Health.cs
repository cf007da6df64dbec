using Headway.Application.Data;
using Headway.Application.Imports;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Health endpoints for a load balancer in front of several web nodes: <c>/healthz</c> says the process
/// answers (restart it when not), <c>/readyz</c> that it can serve: it reaches the database, runs against the
/// current schema and can commit a write (a full disk, a read-only file or a database in recovery answer 503;
/// on SQLite so does a disk with less than <c>Database:MinFreeMegabytes</c> left, 64 unless configured). While an
/// import holds the SQLite database the node is "Degraded" (200): pages still read, writes are refused with
/// Retry-After. Both are anonymous and carry no data.
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

    /// <summary>The database answers, no migration is pending and a write commits.</summary>
    private sealed class DatabaseCheck(HeadwayDbContext db, ImportActivity imports, IConfiguration configuration, TimeProvider clock) : IHealthCheck
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
                if (pending > 0)
                {
                    return HealthCheckResult.Unhealthy($"{pending} migration(s) not applied yet.");
                }

                if (imports.Running() is { } running)
                {
                    return HealthCheckResult.Degraded($"An import has held the database since {running.StartedAt:u}; writes are refused until it ends.");
                }

                if (LowOnDisk() is { } low)
                {
                    return HealthCheckResult.Unhealthy(low);
                }

                // A real write: the one thing a full disk, a read-only file or a standby cannot do.
                await db.Database.ExecuteSqlRawAsync(
                    """INSERT INTO "HealthProbes" ("Node", "CheckedAt") VALUES ({0}, {1}) ON CONFLICT ("Node") DO UPDATE SET "CheckedAt" = excluded."CheckedAt";""",
                    [Environment.MachineName, clock.GetUtcNow().ToUnixTimeMilliseconds()], cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException || DatabaseFaults.Is(e))
            {
                return HealthCheckResult.Unhealthy("The database cannot serve: " + DatabaseFaults.Describe(e), e);
            }
        }

        /// <summary>On SQLite, a disk nearly full: the next large write would fail half way.</summary>
        private string? LowOnDisk()
        {
            if (!db.Database.IsSqlite() || HeadwayDatabase.SqliteFile(configuration) is not { } file)
            {
                return null;
            }

            var minimum = configuration.GetValue("Database:MinFreeMegabytes", 64L) << 20;
            var free = new DriveInfo(Path.GetDirectoryName(file)!).AvailableFreeSpace;
            return free < minimum ? $"Only {free >> 20} MB are free on the database's disk (at least {minimum >> 20} MB are needed)." : null;
        }
    }
}
