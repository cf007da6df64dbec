using Headway.Application.Dashboard;
using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Summaries;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class DashboardTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset July = new(2026, 7, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly Caller Leader = new("lt@example", null, null, Role.Leadership);

    private async Task ChangeAsync(long tenant, string workload, EntitlementUpdate update, DateTimeOffset at) =>
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(tenant, workload, 1, update)), Seed.AsManager(), at)).Succeeded);

    private Task<Result<GetDashboard.Response>> DashboardAsync(Caller caller, string? region = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<GetDashboard.Handler>().HandleAsync(new GetDashboard.Request(region)), caller, July);

    /// <summary>
    /// Partner A's tenant: EXO blocked by app compatibility since June (no unblock date), SPO in progress past its target date.
    /// The centre's tenant: TEAMS blocked by legal limits in July, with a date. Requests of summaries: one overdue and one
    /// due later on A, one fulfilled on the centre's; one summary written on the centre's tenant.
    /// </summary>
    private async Task ArrangeAsync()
    {
        await ChangeAsync(Ids.TenantA, "EXO", new EntitlementUpdate("Blocked", "AppCompatibility",
            Note: "The document management add-in is not certified for Exchange Online."), June);
        await ChangeAsync(Ids.TenantA, "SPO", new EntitlementUpdate("InProgress", "Migration", Note: "File shares move in two waves.",
            TargetDate: new DateOnly(2026, 6, 30)), June);
        await ChangeAsync(Ids.TenantCentre, "TEAMS", new EntitlementUpdate("Blocked", "LegalRegulatory",
            Note: "Works council has not approved the processing of usage data.", ProjectedUnblockDate: new DateOnly(2026, 9, 1)), July.AddDays(-2));
        var summary = await Database.RunAsync(sp => sp.GetRequiredService<WriteSummary.Handler>().HandleAsync(new WriteSummary.Request(Ids.TenantCentre,
            "Manufacturer with 5,000 staff.", "Reactive", "NotDeployed", null, [], null, "Legal review pending.")), Seed.AsManager(), July.AddDays(-1));
        Assert.True(summary.Succeeded, summary.Refusal?.Code);
        await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            SummaryRequest Ask(long tenant, long? partner, string region, DateOnly due) => new()
            {
                TenantId = tenant,
                PartnerId = partner,
                Region = region,
                RequestedBy = "rm@example",
                RequestedOf = Seed.Manager,
                RequestedAt = June,
                DueDate = due,
            };
            var fulfilled = Ask(Ids.TenantCentre, null, "Japan", new DateOnly(2026, 7, 1));
            fulfilled.FulfilledAt = July.AddDays(-1);
            db.SummaryRequests.AddRange(
                Ask(Ids.TenantA, Ids.PartnerA, "EMEA", new DateOnly(2026, 7, 9)),
                Ask(Ids.TenantA, Ids.PartnerA, "EMEA", new DateOnly(2026, 7, 20)),
                fulfilled);
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task GetDashboard_CentreLeader_SummarisesTheWholeProgramme()
    {
        await ArrangeAsync();

        var d = (await DashboardAsync(Leader)).Value!;

        Assert.Null(d.Partner);
        Assert.Equal(["StatusUnknown", "InProgress", "NoIntent", "Blocked"], d.StatusMix.Select(s => s.L1));
        Assert.Equal((9, 1, 0, 2), (d.StatusMix[0].Entitlements, d.StatusMix[1].Entitlements, d.StatusMix[2].Entitlements, d.StatusMix[3].Entitlements));
        // The trend: June's month end had the app-compatibility block only; today both.
        Assert.Equal(12, d.Blockers.Months.Count);
        Assert.Equal(new DateOnly(2026, 7, 1), d.Blockers.Months[^1]);
        var compatibility = d.Blockers.Series.Single(s => s.Key == "AppCompatibility").Values;
        var legal = d.Blockers.Series.Single(s => s.Key == "LegalRegulatory").Values;
        Assert.Equal((0, 1, 1), (compatibility[^3], compatibility[^2], compatibility[^1]));
        Assert.Equal((0, 0, 1), (legal[^3], legal[^2], legal[^1]));
        var fm = Assert.Single(d.Hygiene);
        Assert.Equal((Seed.Manager, 12), (fm.Manager, fm.Entitlements));
        Assert.Equal(1, fm.Counts["NoUnblockDate"]);
        Assert.Equal(1, fm.Counts["TargetDatePassed"]);
        // Created in May or changed on 1 June: more than 30 days before 10 July; the centre's TEAMS changed on 8 July.
        Assert.Equal(11, fm.Counts["NotUpdated"]);
        Assert.Equal(HygieneReasons, fm.Counts.Keys.Order());
        Assert.Equal((2, 1), (d.Requests.Open, d.Requests.Overdue));
        var overdue = Assert.Single(d.Requests.LongestOverdue);
        Assert.Equal((Ids.TenantA, "Contoso Pharma GmbH", new DateOnly(2026, 7, 9)), (overdue.TenantId, overdue.TenantName, overdue.DueDate));
        Assert.Equal("山田製作所株式会社", Assert.Single(d.LatestSummaries).TenantName);
    }

    private static readonly IEnumerable<string> HygieneReasons = Reports.HygieneReport.Reasons.Order();

    [Fact]
    public async Task GetDashboard_PartnerRegionalManager_SeesOnlyTheirPartner()
    {
        await ArrangeAsync();

        var d = (await DashboardAsync(new Caller("rm@a.example", Ids.PartnerA, null, Role.RegionalManager))).Value!;

        Assert.Equal("Partner A", d.Partner);
        Assert.Equal(4, d.StatusMix.Sum(s => s.Entitlements));
        Assert.Equal(["AppCompatibility"], d.Blockers.Series.Where(s => s.Values[^1] > 0).Select(s => s.Key));
        Assert.Equal(4, Assert.Single(d.Hygiene).Entitlements);
        Assert.Equal((2, 1), (d.Requests.Open, d.Requests.Overdue));
        Assert.Empty(d.LatestSummaries);
    }

    [Fact]
    public async Task GetDashboard_OneRegion_NarrowsEverySection()
    {
        await ArrangeAsync();

        var d = (await DashboardAsync(Leader, "Japan")).Value!;

        Assert.Equal("Japan", d.Region);
        Assert.Equal((3, 1), (d.StatusMix.Single(s => s.L1 == "StatusUnknown").Entitlements, d.StatusMix.Single(s => s.L1 == "Blocked").Entitlements));
        Assert.Equal(["LegalRegulatory"], d.Blockers.Series.Where(s => s.Values[^1] > 0).Select(s => s.Key));
        Assert.Equal(0, Assert.Single(d.Hygiene).Counts["TargetDatePassed"]);
        Assert.Equal((0, 0), (d.Requests.Open, d.Requests.Overdue));
        Assert.Single(d.LatestSummaries);
    }

    [Fact]
    public async Task GetDashboard_HygieneOfTwoManagers_AddsUpToTheHygieneReport()
    {
        var admin = new Caller("admin@example", null, null, Role.Admin);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync("fm2@example", "Manager", "Partner B", "Correct-Horse-Battery-9"), admin, June)).Succeeded);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<Tenants.AssignTenant.Handler>().HandleAsync(new Tenants.AssignTenant.Request(Ids.TenantB, "fm2@example")), admin, June)).Succeeded);
        const string Firewall = "The firewall does not forward SMTP traffic, so mailboxes cannot connect.";
        await ChangeAsync(Ids.TenantA, "EXO", new EntitlementUpdate("Blocked", "CustomerItInfrastructureRemediation", Note: Firewall), June);
        await ChangeAsync(Ids.TenantA, "SPO", new EntitlementUpdate("Blocked", "CustomerItInfrastructureRemediation", Note: Firewall), June);
        const string Unanswered = "No response to 3 contact attempts over mail and phone. Managed customer.";
        async Task UnresponsiveAsync(string workload) => Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(Ids.TenantB, workload, 1, new EntitlementUpdate("StatusUnknown", "CustomerUnresponsive", Note: Unanswered))),
            new Caller("fm2@example", Ids.PartnerB, null, Role.Manager), June)).Succeeded);
        await UnresponsiveAsync("EXO");
        await UnresponsiveAsync("SPO");

        var d = (await DashboardAsync(Leader)).Value!;
        var report = await Database.RunAsync(sp => sp.GetRequiredService<Reports.RunReport.Handler>().HandleAsync(new Reports.RunReport.Request("hygiene", new Reports.ReportFilter())),
            Leader, July);

        Assert.Equal(["fm2@example", Seed.Manager], d.Hygiene.Select(m => m.Manager));
        var (fm2, fm) = (d.Hygiene[0], d.Hygiene[1]);
        Assert.Equal((4, 8), (fm2.Entitlements, fm.Entitlements));
        Assert.Equal((0, 2), (fm2.Counts["SameNote"], fm.Counts["SameNote"]));
        Assert.Equal((1, 0), (fm2.Counts["Unresponsive"], fm.Counts["Unresponsive"]));
        Assert.Equal((0, 2), (fm2.Counts["NoUnblockDate"], fm.Counts["NoUnblockDate"]));
        foreach (var line in report.Value!.Lines)
        {
            Assert.Equal(line.Values[0], d.Hygiene.Sum(m => m.Counts[line.Keys[0]!]));
        }
    }

    [Fact]
    public async Task GetDashboard_UnknownRegion_IsRefusedNamingTheField()
    {
        var result = await DashboardAsync(Leader, "Atlantis");

        Assert.Equal((RefusalCodes.UnknownChoice, "region"), (result.Refusal?.Code, result.Refusal?.Field));
    }

    [Theory]
    [InlineData(Role.ProductAnalyst, RefusalCodes.Forbidden)]
    [InlineData(Role.RegionalManager, null)]
    [InlineData(Role.Leadership, null)]
    [InlineData(Role.Manager, null)]
    [InlineData(Role.Admin, null)]
    public async Task GetDashboard_Role_ReadsItWhenItReadsTenants(Role role, string? code)
    {
        var result = await DashboardAsync(new Caller("someone@example", null, null, role));

        Assert.Equal(code, result.Refusal?.Code);
    }
}
