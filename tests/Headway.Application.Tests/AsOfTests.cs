using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Domain.Entitlements;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class AsOfTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset July = new(2026, 7, 1, 23, 30, 0, TimeSpan.Zero);

    private Task<IReadOnlyList<Entitlement>> AsOfAsync(DateOnly? day) => Database.RunAsync(async sp =>
        (await sp.GetRequiredService<GetTenant.Handler>().HandleAsync(new GetTenant.Request(Ids.TenantA, day))).Value!.Entitlements);

    [Fact]
    public async Task GetTenant_AsOfADay_ShowsEachEntitlementAsItStoodAtTheEndOfThatDay()
    {
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(
            Ids.TenantA, "EXO", 1, new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "Bank regulator forbids storing mail abroad."))), Seed.AsManager(), June)).Succeeded);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(
            Ids.TenantA, "EXO", 2, new EntitlementUpdate("InProgress", "Migration", Note: "Migrating after the in-country region opened.", TargetDate: new DateOnly(2026, 9, 1)))), Seed.AsManager(), July)).Succeeded);

        var beforeCreation = await AsOfAsync(new DateOnly(2026, 4, 30));
        var may = await AsOfAsync(new DateOnly(2026, 5, 15));
        var june = await AsOfAsync(new DateOnly(2026, 6, 30));
        var julyFirst = await AsOfAsync(new DateOnly(2026, 7, 1));
        var now = await AsOfAsync(null);

        Assert.Empty(beforeCreation);
        Assert.Equal(("StatusUnknown", "NewSubscriptionOrWorkload"), (may.Single(e => e.Workload == "EXO").L1, may.Single(e => e.Workload == "EXO").L2));
        Assert.Equal(("Blocked", "Bank regulator forbids storing mail abroad."), (june.Single(e => e.Workload == "EXO").L1, june.Single(e => e.Workload == "EXO").Note));
        Assert.Equal(("InProgress", new DateOnly(2026, 9, 1)), (julyFirst.Single(e => e.Workload == "EXO").L1, julyFirst.Single(e => e.Workload == "EXO").TargetDate!.Value));
        Assert.Equal(4, june.Count);
        Assert.Equal(now.Select(e => (e.Workload, e.L1, e.L2, e.Note)), julyFirst.Select(e => (e.Workload, e.L1, e.L2, e.Note)));
    }
}
