using Headway.Application.Entitlements;
using Headway.Application.Portfolio;
using Headway.Domain.Entitlements;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class PortfolioTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset July = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);

    private async Task ChangeAsync(string workload, EntitlementUpdate update, DateTimeOffset at) =>
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(Ids.TenantA, workload, 1, update)), Seed.AsManager(), at)).Succeeded);

    [Fact]
    public async Task GetPortfolio_Manager_CountsByL1AndListsWhatNeedsAttention()
    {
        await ChangeAsync("EXO", new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration, wave 2 of 3.", TargetDate: new DateOnly(2026, 6, 20),
            NextAction: "Plan wave 3", NextActionDate: new DateOnly(2026, 7, 3)), June);
        await ChangeAsync("SPO", new EntitlementUpdate("Blocked", "AppCompatibility", Note: "The document management add-in is not certified for SharePoint Online."), June);
        await ChangeAsync("TEAMS", new EntitlementUpdate("NoIntent", "ExecutiveSponsorship", Note: "Customer has no intent."), June);

        var result = await Database.RunAsync(sp => sp.GetRequiredService<GetPortfolio.Handler>().HandleAsync(), Seed.AsManager(), July);

        var p = result.Value!;
        Assert.Equal(3, p.Tenants);
        Assert.Equal((1, 1, 1, 9), (p.ByL1["InProgress"], p.ByL1["Blocked"], p.ByL1["NoIntent"], p.ByL1["StatusUnknown"]));
        IReadOnlyList<GetPortfolio.Item> Items(GetPortfolio.Reason r) => p.Attention.SingleOrDefault(g => g.Reason == r)?.Items ?? [];
        Assert.Equal(("EXO", new DateOnly(2026, 6, 20)), (Items(GetPortfolio.Reason.TargetDatePassed).Single().Workload, Items(GetPortfolio.Reason.TargetDatePassed).Single().Date!.Value));
        Assert.Equal("EXO", Items(GetPortfolio.Reason.NextActionDue).Single().Workload);
        Assert.Equal("SPO", Items(GetPortfolio.Reason.NoUnblockDate).Single().Workload);
        Assert.Equal("TEAMS", Items(GetPortfolio.Reason.PoorNote).Single().Workload);
        Assert.Equal(9, p.Attention.Single(g => g.Reason == GetPortfolio.Reason.NotUpdated).Total);
        Assert.Empty(Items(GetPortfolio.Reason.NoTargetDate));
    }

    [Fact]
    public async Task GetPortfolio_AnotherManager_HasNoneOfTheseTenants()
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<GetPortfolio.Handler>().HandleAsync(),
            new Caller("other-fm@example", null, null, Users.Role.Manager), July);

        Assert.Equal(0, result.Value!.Tenants);
        Assert.Empty(result.Value.Attention);
    }
}
