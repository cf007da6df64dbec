using System.Text;
using Headway.Application.Entitlements;
using Headway.Application.Imports;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>
/// While an import holds the SQLite database, other writes are refused at once (the web answers 503 with
/// Retry-After) instead of waiting out the busy timeout; on PostgreSQL they go on beside it.
/// </summary>
public class ImportActivityTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Import_Running_OtherWritesAreRefusedAtOnceOnSqliteAndGoOnOnPostgres()
    {
        var csv = new StringBuilder("tenant,country,workload\n");
        for (var i = 0; i < 2500; i++)
        {
            csv.Append("Activity Tenant ").Append(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append(",GB,EXO\n");
        }

        Exception? editError = null;
        Result<Entitlement>? edited = null;
        var during = new Probe(() =>
        {
            if (edited is not null || editError is not null)
            {
                return;
            }

            try
            {
                edited = Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(Ids.TenantA, "EXO", 1,
                    new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: "Uses a competitor's mail service under a contract until 2028."))),
                    Seed.AsManager(), Now).GetAwaiter().GetResult();
            }
            catch (ImportRunningException e)
            {
                editError = e;
            }
        });
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));

        var imported = await Database.RunAsync(sp => sp.GetRequiredService<ImportFile.Handler>().HandleAsync(new ImportFile.Request(file, "big.csv", false, Progress: during)),
            new Caller("gateway@example", null, null, Role.Gateway), Now);
        var after = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(Ids.TenantA, "EXO", 1,
            new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: "Uses a competitor's mail service under a contract until 2028."))), Seed.AsManager(), Now);

        Assert.True(imported.Value?.Applied, imported.Refusal?.Code);
        if (TestDatabase.IsPostgres)
        {
            Assert.Null(editError);
            Assert.True(edited?.Succeeded, edited?.Refusal?.Code);
        }
        else
        {
            var running = Assert.IsType<ImportRunningException>(editError);
            Assert.Equal(ImportActivity.RetryAfterSeconds, running.RetryAfterSeconds);
            Assert.True(after.Succeeded, after.Refusal?.Code);
        }
    }

    /// <summary>Runs an action on the importer's own thread when it reports progress.</summary>
    private sealed class Probe(Action action) : IProgress<int>
    {
        public void Report(int value) => action();
    }
}
