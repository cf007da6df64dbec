using Headway.Application.Entitlements;
using Headway.Application.Portfolio;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
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
    public async Task GetPortfolio_EngagementStartPassed_ListedUntilSomeoneMakesContact()
    {
        await ChangeAsync("EXO", new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Pilot with 50 users in finance, then all 400 by August.",
            TargetDate: new DateOnly(2026, 8, 31), EngagementStartDate: new DateOnly(2026, 6, 15)), June);
        await ChangeAsync("SPO", new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Intranet migration in three waves.",
            TargetDate: new DateOnly(2026, 8, 31), EngagementStartDate: new DateOnly(2026, 7, 20)), June);
        GetPortfolio.Group? StartPassed(Result<GetPortfolio.Response> r) => r.Value!.Attention.SingleOrDefault(g => g.Reason == GetPortfolio.Reason.EngagementStartPassed);

        var before = await Database.RunAsync(sp => sp.GetRequiredService<GetPortfolio.Handler>().HandleAsync(), Seed.AsManager(), July);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<Notes.AddOverallNote.Handler>().HandleAsync(
            new Notes.AddOverallNote.Request(Ids.TenantA, "EngagementManagement", "Kick-off call held with the customer's IT lead.")), Seed.AsManager(), July)).Succeeded);
        var after = await Database.RunAsync(sp => sp.GetRequiredService<GetPortfolio.Handler>().HandleAsync(), Seed.AsManager(), July.AddHours(1));

        var item = Assert.Single(StartPassed(before)!.Items);
        Assert.Equal(("EXO", new DateOnly(2026, 6, 15)), (item.Workload, item.Date!.Value));
        Assert.Null(StartPassed(after));
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
