using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Notes;
using Headway.Application.WorkList;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class WorkListTests : SeededTests
{
    private static readonly DateOnly Today = new(2026, 7, 1);
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private async Task<Entitlement> ChangeAsync(long tenant, string workload, EntitlementUpdate update, DateTimeOffset at)
    {
        var version = await VersionAsync(tenant, workload);
        var result = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(tenant, workload, version, update)), Seed.AsManager(), at);
        Assert.True(result.Succeeded, result.Refusal?.Code);
        return result.Value!;
    }

    private Task<int> VersionAsync(long tenant, string workload) => Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>()
        .Entitlements.Where(e => e.TenantId == tenant && e.Workload == workload).Select(e => e.Version).SingleAsync());

    private static EntitlementUpdate Action(string text, DateOnly due) =>
        new("StatusUnknown", "NewSubscriptionOrWorkload", NextAction: text, NextActionDate: due, NextActionOwner: "Partner");

    private async Task<OverallNote> NoteAsync(long tenant, string text, DateOnly? due, DateTimeOffset? at = null)
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<AddOverallNote.Handler>().HandleAsync(
            new AddOverallNote.Request(tenant, "EngagementManagement", text, due is null ? null : "Follow up: " + text, due, "fm@example")), Seed.AsManager(), at ?? June);
        Assert.True(result.Succeeded, result.Refusal?.Code);
        return result.Value!.Note;
    }

    private Task<GetWorkList.Response> WorkListAsync(Caller? caller = null, string manager = Seed.Manager, int items = 20) =>
        Database.RunAsync(async sp => (await sp.GetRequiredService<GetWorkList.Handler>()
            .HandleAsync(new GetWorkList.Request(manager, Today, items))).Value!, caller ?? Seed.AsManager(), Now);

    private static GetWorkList.GroupSummary Group(GetWorkList.Response list, WorkGroup group) => list.Groups.Single(g => g.Group == group);

    [Fact]
    public async Task GetWorkList_NextActions_FallIntoOverdueTodayAndThisWeekByTheirDay()
    {
        await ChangeAsync(Ids.TenantCentre, "EXO", Action("Call the IT lead", Today.AddDays(-1)), June);
        await ChangeAsync(Ids.TenantCentre, "SPO", Action("Send the migration plan", Today), June);
        await ChangeAsync(Ids.TenantCentre, "TEAMS", Action("Pilot review", Today.AddDays(1)), June);
        await ChangeAsync(Ids.TenantCentre, "OPP", Action("Licence check", Today.AddDays(7)), June);
        await ChangeAsync(Ids.TenantA, "EXO", Action("Workshop", Today.AddDays(8)), June);
        var overdueNote = await NoteAsync(Ids.TenantA, "Kick-off held with the partner.", Today.AddDays(-20));
        var todayNote = await NoteAsync(Ids.TenantB, "Network change approved.", Today);
        await NoteAsync(Ids.TenantB, "Quarterly review planned.", Today.AddDays(8));
        await NoteAsync(Ids.TenantB, "Customer answered; nothing to follow.", null);
        var done = await NoteAsync(Ids.TenantA, "Old follow-up.", Today.AddDays(-3));
        var deleted = await NoteAsync(Ids.TenantA, "A note its author withdrew.", Today);
        await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            await db.OverallNotes.Where(n => n.Id == done.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.NextActionDoneAt, June).SetProperty(n => n.NextActionDoneBy, Seed.Manager));
            return await db.OverallNotes.Where(n => n.Id == deleted.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.DeletedAt, June).SetProperty(n => n.DeletedBy, Seed.Manager));
        });

        var list = await WorkListAsync();

        var overdue = Group(list, WorkGroup.Overdue);
        Assert.Equal(2, overdue.Total);
        Assert.Equal([WorkSubject.Note, WorkSubject.Entitlement], overdue.Items.Select(i => i.Subject));
        Assert.Equal(overdueNote.Id, overdue.Items[0].Id);
        Assert.Equal(("Follow up: Kick-off held with the partner.", Today.AddDays(-20)), (overdue.Items[0].Text, overdue.Items[0].Date!.Value));
        var exo = overdue.Items[1];
        Assert.Equal(("EXO", "Call the IT lead", "Partner", Today.AddDays(-1)), (exo.Workload, exo.Text, exo.Person, exo.Date!.Value));
        Assert.Equal(await VersionAsync(Ids.TenantCentre, "EXO"), exo.Version);
        Assert.Equal("山田製作所株式会社", exo.TenantName);
        var dueToday = Group(list, WorkGroup.DueToday);
        Assert.Equal(2, dueToday.Total);
        Assert.Equal([null, "SPO"], dueToday.Items.Select(i => i.Workload).Order());
        Assert.Contains(dueToday.Items, i => i.Subject == WorkSubject.Note && i.Id == todayNote.Id);
        var week = Group(list, WorkGroup.DueThisWeek);
        Assert.Equal(2, week.Total);
        Assert.Equal(["TEAMS", "OPP"], week.Items.Select(i => i.Workload));
    }

    [Fact]
    public async Task GetWorkList_StatusConditions_EachInItsGroupWithTheCoachsTopFinding()
    {
        await ChangeAsync(Ids.TenantA, "EXO", new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration, wave 2 of 3.", TargetDate: new DateOnly(2026, 6, 20)), June);
        await ChangeAsync(Ids.TenantA, "SPO", new EntitlementUpdate("Blocked", "AppCompatibility", Note: "The document management add-in is not certified for SharePoint Online."), June);
        await ChangeAsync(Ids.TenantA, "TEAMS", new EntitlementUpdate("NoIntent", "ExecutiveSponsorship", Note: "Customer has no intent."), June);
        await ChangeAsync(Ids.TenantA, "OPP", new EntitlementUpdate("Blocked", "CustomerItInfrastructureRemediation", Note: "Customer is blocked by the firewall.",
            ProjectedUnblockDate: Today.AddDays(30)), June);
        // In progress without a target date comes only from data older than the rule (restored as it was).
        await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var e = await db.Entitlements.SingleAsync(x => x.TenantId == Ids.TenantB && x.Workload == "EXO");
            db.StatusChanges.Add(EntitlementRules.Restore(e, new EntitlementUpdate("InProgress", "Migration"), "import", June)!);
            return await db.SaveChangesAsync();
        });

        var list = await WorkListAsync();

        Assert.Equal(("EXO", new DateOnly(2026, 6, 20)), (Group(list, WorkGroup.TargetDatePassed).Items.Single().Workload, Group(list, WorkGroup.TargetDatePassed).Items.Single().Date!.Value));
        Assert.Equal((Ids.TenantB, "EXO"), (Group(list, WorkGroup.NoTargetDate).Items.Single().TenantId, Group(list, WorkGroup.NoTargetDate).Items.Single().Workload));
        Assert.Equal("SPO", Group(list, WorkGroup.NoUnblockDate).Items.Single().Workload);
        var poor = Group(list, WorkGroup.PoorNote).Items.Single();
        Assert.Equal(("TEAMS", "Customer has no intent."), (poor.Workload, poor.Text));
        Assert.NotNull(poor.Finding);
        Assert.Equal(NoteCoach.Severity.Error, poor.Finding!.Severity);
        var insufficient = Group(list, WorkGroup.InsufficientNote).Items.Single(i => i.Workload == "OPP");
        Assert.NotNull(insufficient.Finding);
        // Everything else was last changed when it was created, on 1 May: two months without a change.
        Assert.Equal(12 - 5, Group(list, WorkGroup.NotUpdated).Total);
        Assert.Equal(3, list.Tenants);
        Assert.Equal((1 + 1, 2, 1, 7), (list.ByL1["InProgress"], list.ByL1["Blocked"], list.ByL1["NoIntent"], list.ByL1["StatusUnknown"]));
        Assert.Equal(WorkGroups.All, list.Groups.Select(g => g.Group));
    }

    [Fact]
    public async Task GetWorkList_NotUpdated_CountsFromTheStartOfTheDayStaleDaysAgo()
    {
        await ChangeAsync(Ids.TenantA, "EXO", Action("a", Today.AddDays(30)), new DateTimeOffset(Today.AddDays(-30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        await ChangeAsync(Ids.TenantA, "SPO", Action("b", Today.AddDays(30)), new DateTimeOffset(Today.AddDays(-30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1));

        var list = await WorkListAsync();

        var stale = Group(list, WorkGroup.NotUpdated);
        Assert.DoesNotContain(stale.Items, i => i.TenantId == Ids.TenantA && i.Workload == "EXO");
        Assert.Contains(stale.Items, i => i.TenantId == Ids.TenantA && i.Workload == "SPO");
        Assert.Equal(30, list.StaleDays);
    }

    [Fact]
    public async Task GetWorkList_EngagementStartPassed_ListedUntilSomeoneMakesContact()
    {
        await ChangeAsync(Ids.TenantA, "EXO", new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Pilot with 50 users in finance, then all 400 by August.",
            TargetDate: new DateOnly(2026, 8, 31), EngagementStartDate: new DateOnly(2026, 6, 15)), June);
        await ChangeAsync(Ids.TenantA, "SPO", new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Intranet migration in three waves.",
            TargetDate: new DateOnly(2026, 8, 31), EngagementStartDate: new DateOnly(2026, 7, 20)), June);
        await ChangeAsync(Ids.TenantCentre, "TEAMS", new EntitlementUpdate("InProgress", "SolutionOrUserAdoption", Note: "Rollout to the first 200 users.",
            TargetDate: new DateOnly(2026, 9, 30), EngagementStartDate: new DateOnly(2026, 6, 10)), June);
        // Started on 20 June, and changed on the 25th: someone has been in touch.
        await ChangeAsync(Ids.TenantCentre, "OPP", new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Packaging for 300 desktops.",
            TargetDate: new DateOnly(2026, 9, 30), EngagementStartDate: new DateOnly(2026, 6, 20)), June);
        await ChangeAsync(Ids.TenantCentre, "OPP", new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Packaging for 300 desktops; pilot ring done.",
            TargetDate: new DateOnly(2026, 9, 30), EngagementStartDate: new DateOnly(2026, 6, 20)), new DateTimeOffset(2026, 6, 25, 9, 0, 0, TimeSpan.Zero));

        var before = await WorkListAsync();
        await NoteAsync(Ids.TenantA, "Kick-off call held with the customer's IT lead.", null, Now.AddHours(-1));
        var after = await WorkListAsync();

        Assert.Equal([("TEAMS", new DateOnly(2026, 6, 10)), ("EXO", new DateOnly(2026, 6, 15))],
            Group(before, WorkGroup.EngagementStartPassed).Items.Select(i => (i.Workload!, i.Date!.Value)));
        var left = Assert.Single(Group(after, WorkGroup.EngagementStartPassed).Items);
        Assert.Equal((Ids.TenantCentre, "TEAMS"), (left.TenantId, left.Workload));
    }

    [Fact]
    public async Task GetWorkList_SummaryRequests_OnlyOpenOnesAskedOfMe()
    {
        await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            SummaryRequest Request(long tenant, long? partner, string of, DateOnly due, DateTimeOffset? fulfilled = null) => new()
            {
                TenantId = tenant,
                PartnerId = partner,
                Region = "EMEA",
                RequestedBy = "rm@example",
                RequestedOf = of,
                RequestedAt = June,
                DueDate = due,
                Message = "Board meeting next week",
                FulfilledAt = fulfilled,
            };
            db.SummaryRequests.AddRange(
                Request(Ids.TenantA, Ids.PartnerA, Seed.Manager, Today.AddDays(3)),
                Request(Ids.TenantCentre, null, Seed.Manager, Today.AddDays(-2)),
                Request(Ids.TenantB, Ids.PartnerB, Seed.Manager, Today, fulfilled: June),
                Request(Ids.TenantB, Ids.PartnerB, "other-fm@example", Today));
            return await db.SaveChangesAsync();
        });

        var list = await WorkListAsync();

        var requests = Group(list, WorkGroup.SummaryRequested);
        Assert.Equal(2, requests.Total);
        Assert.Equal([(Ids.TenantCentre, Today.AddDays(-2)), (Ids.TenantA, Today.AddDays(3))], requests.Items.Select(i => (i.TenantId, i.Date!.Value)));
        Assert.All(requests.Items, i => Assert.Equal(("rm@example", "Board meeting next week", WorkSubject.SummaryRequest), (i.Person, i.Text, i.Subject)));
    }

    [Fact]
    public async Task GetWorkList_PartnerManager_SeesOnlyTheirPartnersTenants()
    {
        await ChangeAsync(Ids.TenantA, "EXO", Action("Partner A's call", Today), June);
        await ChangeAsync(Ids.TenantB, "EXO", Action("Partner B's call", Today), June);
        await ChangeAsync(Ids.TenantCentre, "EXO", Action("The centre's call", Today), June);
        await NoteAsync(Ids.TenantB, "Partner B's note.", Today);

        var partnerA = await WorkListAsync(Seed.AsManager(Ids.PartnerA));
        var centreWide = await WorkListAsync();

        Assert.Equal([Ids.TenantA], Group(partnerA, WorkGroup.DueToday).Items.Select(i => i.TenantId));
        Assert.Equal(1, partnerA.Tenants);
        Assert.Equal(4, partnerA.ByL1.Values.Sum());
        Assert.Equal(4, Group(centreWide, WorkGroup.DueToday).Total);
    }

    [Fact]
    public async Task GetWorkList_AnotherManager_HasNoneOfTheseTenants()
    {
        await ChangeAsync(Ids.TenantA, "EXO", Action("Call", Today), June);

        var other = await WorkListAsync(new Caller("other-fm@example", null, null, Users.Role.Manager), "other-fm@example");

        Assert.Equal(0, other.Tenants);
        Assert.All(other.Groups, g => Assert.Equal(0, g.Total));
    }

    [Fact]
    public async Task GetWorkList_ProductAnalyst_IsRefused()
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<GetWorkList.Handler>().HandleAsync(),
            new Caller("analyst@example", null, null, Users.Role.ProductAnalyst), Now);

        Assert.Equal(RefusalCodes.Forbidden, result.Refusal?.Code);
    }

    [Fact]
    public async Task ListAsync_AGroupInFull_IsPagedInTheListsOrder()
    {
        var days = new[] { -9, -2, -5, -1, -7 };
        var workloads = new[] { "EXO", "SPO", "TEAMS", "OPP" };
        for (var i = 0; i < workloads.Length; i++)
        {
            await ChangeAsync(Ids.TenantA, workloads[i], Action("Call " + i, Today.AddDays(days[i])), June);
        }

        await NoteAsync(Ids.TenantCentre, "Escalation call held.", Today.AddDays(days[4]));

        var pages = await Database.RunAsync(async sp =>
        {
            var handler = sp.GetRequiredService<GetWorkList.Handler>();
            var all = new List<GetWorkList.Item>();
            for (var page = 1; page <= 3; page++)
            {
                var result = await handler.ListAsync(new GetWorkList.ListRequest(Seed.Manager, Today, WorkGroup.Overdue, page, 2));
                Assert.Equal((5, 3), (result.Value!.Total, result.Value.PageCount));
                all.AddRange(result.Value.Items);
            }

            return all;
        }, Seed.AsManager(), Now);

        Assert.Equal(new[] { -9, -7, -5, -2, -1 }.Select(d => Today.AddDays(d)), pages.Select(i => i.Date!.Value));
        Assert.Equal(WorkSubject.Note, pages[1].Subject);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("45", 45)]
    public void WorkListSettings_StaleDays_DefaultsTo30(string? configured, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("WorkList:StaleDays", configured)]).Build();

        Assert.Equal(expected, WorkListSettings.From(configuration).StaleDays);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("thirty")]
    [InlineData("3651")]
    public void WorkListSettings_StaleDaysOutOfRange_StopsTheStart(string configured)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("WorkList:StaleDays", configured)]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => WorkListSettings.From(configuration));
        Assert.Contains("WorkList:StaleDays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkGroups_Slugs_RoundTrip()
    {
        Assert.All(WorkGroups.All, g => Assert.Equal(g, WorkGroups.Find(g.Slug())));
        Assert.Equal("due-this-week", WorkGroup.DueThisWeek.Slug());
        Assert.Null(WorkGroups.Find("DueToday"));
        Assert.Equal(WorkSubject.Note, WorkGroups.FindSubject("note"));
    }
}
