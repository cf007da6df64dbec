using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Application.WorkList;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.NoteCoach;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class DigestTests : SeededTests
{
    /// <summary>Monday 7 December 2026, 07:00 UTC: ISO week 50.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly DigestSchedule Schedule = new(HourUtc: 6, CheckEvery: TimeSpan.FromMinutes(5), RetryAfter: TimeSpan.FromMinutes(15), Node: "node-a");

    [Theory]
    [InlineData(DigestFrequency.Daily, "2026-12-07T07:00:00Z", "D2026-12-07")]
    [InlineData(DigestFrequency.Daily, "2026-12-07T05:59:59Z", null)]
    [InlineData(DigestFrequency.Daily, "2026-12-08T23:59:00+00:00", "D2026-12-08")]
    [InlineData(DigestFrequency.Daily, "2026-12-08T01:30:00+05:00", "D2026-12-07")]
    [InlineData(DigestFrequency.Weekly, "2026-12-07T06:00:00Z", "W2026-50")]
    [InlineData(DigestFrequency.Weekly, "2026-12-08T07:00:00Z", null)]
    [InlineData(DigestFrequency.Weekly, "2027-01-04T09:00:00Z", "W2027-01")]
    [InlineData(DigestFrequency.Weekly, "2021-01-04T09:00:00Z", "W2021-01")]
    [InlineData(DigestFrequency.Off, "2026-12-07T07:00:00Z", null)]
    public void Due_FrequencyAndMoment_GivesThePeriodKey(DigestFrequency frequency, string at, string? expected) =>
        Assert.Equal(expected, DigestPeriods.Due(frequency, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), hourUtc: 6));

    [Fact]
    public void Week_AroundNewYear_IsTheIsoWeekOfTheIsoYear()
    {
        Assert.Equal("W2026-53", DigestPeriods.Week(new DateOnly(2026, 12, 31)));
        Assert.Equal("W2026-53", DigestPeriods.Week(new DateOnly(2027, 1, 1)));
        Assert.Equal("W2025-01", DigestPeriods.Week(new DateOnly(2024, 12, 30)));
    }

    [Fact]
    public async Task RunOnce_OnMonday_SendsDailyAndWeeklyDigestsOnlyToOptedInUsersWithSomethingInThem()
    {
        await WorkAsync();
        var outbox = new Outbox();

        var outcome = await PassAsync(outbox, Monday);

        var byUser = outbox.Sent.ToDictionary(s => s.Recipient.Email);
        Assert.Equal(["fm@example", "weekly@example"], byUser.Keys.Order(StringComparer.Ordinal));
        var fm = byUser["fm@example"];
        Assert.Equal("ja", fm.Recipient.Language);
        Assert.Equal(("EXO", new DateOnly(2026, 12, 1)), (fm.Digest[WorkGroup.Overdue].Items.Single().Workload, fm.Digest[WorkGroup.Overdue].Items.Single().Date));
        Assert.Equal(("SPO", "Confirm the add-in vendor's roadmap"), (fm.Digest[WorkGroup.DueToday].Items.Single().Workload, fm.Digest[WorkGroup.DueToday].Items.Single().Text));
        // Soonest first: the overall note on the tenant in China (in two days), then TEAMS (in three); OPP's, in a month, is not listed.
        Assert.Equal([null, "TEAMS"], fm.Digest[WorkGroup.DueThisWeek].Items.Select(a => a.Workload));
        var poor = fm.Digest[WorkGroup.PoorNote].Items.Single();
        var top = GetWorkList.TopFinding("Customer has no intent.", "NoIntent", "ExecutiveSponsorship")!;
        Assert.Equal(("TEAMS", Coach.Default.RenderMessage(top, "ja")), (poor.Workload, poor.Advice));
        Assert.NotEqual(Coach.Default.RenderMessage(top, "en"), poor.Advice);
        Assert.Equal([WorkGroup.Overdue, WorkGroup.DueToday, WorkGroup.DueThisWeek, WorkGroup.PoorNote], fm.Digest.Sections.Select(g => g.Group));
        // The weekly manager's one tenant has one next action; a language never chosen is English.
        var weekly = byUser["weekly@example"];
        Assert.Equal(("en", 1), (weekly.Recipient.Language, weekly.Digest.Items));
        Assert.Equal("Run the pilot's readiness check", weekly.Digest[WorkGroup.DueThisWeek].Items.Single().Text);

        var rows = await RowsAsync();
        Assert.Equal(new Dictionary<string, (string, bool, int)>
        {
            ["fm@example"] = ("D2026-12-07", true, fm.Digest.Items),
            ["weekly@example"] = ("W2026-50", true, 1),
            // Nothing on their work lists: claimed, so nobody builds them again, and not sent.
            ["engineer@example"] = ("D2026-12-07", false, 0),
            ["analyst@example"] = ("D2026-12-07", false, 0),
        }, rows.ToDictionary(r => r.Email, r => (r.Row.Period, r.Row.SentAt is not null, r.Row.Items)));
        Assert.Equal(new SendDigests.Outcome(Due: 4, Sent: 2, Empty: 2, TakenElsewhere: 0, Failed: 0), outcome);
    }

    [Fact]
    public async Task RunOnce_BeforeTheHourAndWeeklyOnTuesday_SendsOnlyWhatIsDue()
    {
        await WorkAsync();
        var outbox = new Outbox();

        var early = await PassAsync(outbox, Monday.AddHours(-2));
        var tuesday = await PassAsync(outbox, Monday.AddDays(1));

        Assert.Equal(0, early.Due);
        Assert.Equal(["fm@example"], outbox.Sent.Select(s => s.Recipient.Email));
        Assert.Equal(["D2026-12-08", "D2026-12-08", "D2026-12-08"], (await RowsAsync()).Select(r => r.Row.Period));
        Assert.Equal(3, tuesday.Due);
    }

    [Fact]
    public async Task RunOnce_AgainAndOnAnotherNode_NeverSendsADigestTwice()
    {
        await WorkAsync();
        var outbox = new Outbox();

        await PassAsync(outbox, Monday);
        var again = await PassAsync(outbox, Monday.AddMinutes(5));
        var otherNode = await PassAsync(outbox, Monday.AddHours(3), node: "node-b");

        Assert.Equal(2, outbox.Sent.Count);
        Assert.Equal((0, 0), (again.Due, otherNode.Due));
        Assert.All(await RowsAsync(), r => Assert.Equal("node-a", r.Row.ClaimedBy));
    }

    [Fact]
    public async Task Claim_ByManyNodesAtOnce_ExactlyOneGetsIt()
    {
        var userId = await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Users.Where(u => u.UserName == Seed.Manager).Select(u => u.Id).SingleAsync());

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Database.RunAsync(sp =>
            ActivatorUtilities.CreateInstance<SendDigests.Handler>(sp, new Outbox(), Schedule with { Node = $"node-{i}" })
                .ClaimAsync(userId, "D2026-12-07", 3, Monday))));

        var winner = Assert.Single(claims, c => c is not null)!;
        var row = Assert.Single((await RowsAsync()).Select(r => r.Row));
        Assert.Equal((winner.ClaimedBy, 3), (row.ClaimedBy, row.Items));
    }

    [Fact]
    public async Task FailedSend_IsTriedAgainAfterTheWait_ThenNeverAgain()
    {
        await WorkAsync();
        var outbox = new Outbox { FailuresFor = { ["fm@example"] = 1 } };

        var failed = await PassAsync(outbox, Monday);
        var error = (await RowsAsync()).Single(r => r.Email == "fm@example").Row.Error;
        var tooSoon = await PassAsync(outbox, Monday.AddMinutes(10));
        var retried = await PassAsync(outbox, Monday.AddMinutes(20), node: "node-b");
        var after = await PassAsync(outbox, Monday.AddMinutes(40));

        Assert.Equal((1, 1), (failed.Sent, failed.Failed));
        Assert.Contains("the server said no", error, StringComparison.Ordinal);
        Assert.Equal(0, tooSoon.Due);
        Assert.Equal((1, 1, 0), (retried.Due, retried.Sent, retried.Failed));
        Assert.Equal(0, after.Due);
        Assert.Equal(1, outbox.Sent.Count(s => s.Recipient.Email == "fm@example"));
        var row = (await RowsAsync()).Single(r => r.Email == "fm@example").Row;
        Assert.Equal(("node-b", (string?)null, Monday.AddMinutes(20)), (row.ClaimedBy, row.Error, row.SentAt));
    }

    [Fact]
    public async Task RunOnce_WithoutAMailServer_ClaimsNothing()
    {
        await WorkAsync();

        var outcome = await Database.RunAsync(sp => ActivatorUtilities.CreateInstance<SendDigests.Handler>(sp, new NoDigestMailer(), Schedule).RunOnceAsync(), now: Monday);

        Assert.Equal(0, outcome.Due);
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task UpdateProfile_ValidChoices_AreStored_AndUnknownOnesRefusedNamingTheField()
    {
        var me = Seed.AsManager() with { Role = Role.Manager };
        Task<Result<GetProfile.Response>> Update(string? language, string? digest) =>
            Database.RunAsync(sp => sp.GetRequiredService<UpdateProfile.Handler>().HandleAsync(new UpdateProfile.Request(language, digest)), me);

        var before = await Database.RunAsync(sp => sp.GetRequiredService<GetProfile.Handler>().HandleAsync(), me);
        var changed = await Update("ZH-hans", "weekly");
        var kept = await Update(null, null);
        var badLanguage = await Update("fr", "Off");
        var numeric = await Update(null, "1");
        var operatorCall = await Database.RunAsync(sp => sp.GetRequiredService<UpdateProfile.Handler>().HandleAsync(new UpdateProfile.Request("de")));

        Assert.Equal(("en", DigestFrequency.Daily), (before.Value!.Language, before.Value.Digest));
        Assert.Equal(("zh-Hans", DigestFrequency.Weekly), (changed.Value!.Language, changed.Value.Digest));
        Assert.Equal(("zh-Hans", DigestFrequency.Weekly), (kept.Value!.Language, kept.Value.Digest));
        Assert.Equal((RefusalCodes.UnknownChoice, "language"), (badLanguage.Refusal!.Code, badLanguage.Refusal.Field));
        Assert.Equal((RefusalCodes.UnknownChoice, "digest"), (numeric.Refusal!.Code, numeric.Refusal.Field));
        Assert.Equal(RefusalCodes.UserNotFound, operatorCall.Refusal!.Code);
        var stored = await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Users.SingleAsync(u => u.UserName == Seed.Manager));
        Assert.Equal(("zh-Hans", DigestFrequency.Weekly), (stored.Language, stored.DigestFrequency));
    }

    /// <summary>
    /// The seeded manager (Japanese mail) with an overdue, a due-today and two due-this-week next actions and a poor note;
    /// a manager on the weekly digest with one tenant and one next action on it; an engineer and a product analyst, whose
    /// work lists are empty; an opted-out manager and a disabled one.
    /// </summary>
    private async Task WorkAsync()
    {
        await Database.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<HeadwayUser>>();
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var fm = await db.Users.SingleAsync(u => u.UserName == Seed.Manager);
            fm.Language = "ja";
            await db.SaveChangesAsync();
            foreach (var user in new[]
            {
                new HeadwayUser { UserName = "weekly@example", Email = "weekly@example", Role = Role.Manager, DigestFrequency = DigestFrequency.Weekly },
                new HeadwayUser { UserName = "engineer@example", Email = "engineer@example", Role = Role.Engineer },
                new HeadwayUser { UserName = "off@example", Email = "off@example", Role = Role.Manager, DigestFrequency = DigestFrequency.Off },
                new HeadwayUser { UserName = "disabled@example", Email = "disabled@example", Role = Role.Manager, IsDisabled = true },
                new HeadwayUser { UserName = "analyst@example", Email = "analyst@example", Role = Role.ProductAnalyst },
            })
            {
                Assert.True((await users.CreateAsync(user)).Succeeded);
            }

            return 0;
        });
        var changedAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<Tenants.AssignTenant.Handler>()
            .HandleAsync(new Tenants.AssignTenant.Request(Ids.TenantCentre, "weekly@example")), now: changedAt)).Succeeded);
        await ChangeAsync("EXO", new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration, wave 2 of 3.", TargetDate: new DateOnly(2027, 3, 31),
            NextAction: "Plan wave 3", NextActionDate: new DateOnly(2026, 12, 1)), changedAt);
        await ChangeAsync("SPO", new EntitlementUpdate("Blocked", "AppCompatibility", Note: "The document management add-in is not certified for SharePoint Online.",
            ProjectedUnblockDate: new DateOnly(2027, 2, 1), NextAction: "Confirm the add-in vendor's roadmap", NextActionDate: Today), changedAt);
        await ChangeAsync("TEAMS", new EntitlementUpdate("NoIntent", "ExecutiveSponsorship", Note: "Customer has no intent.",
            NextAction: "Ask the sponsor for a decision", NextActionDate: Today.AddDays(3)), changedAt);
        await ChangeAsync("OPP", new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Deploying to 400 desktops in waves.",
            TargetDate: new DateOnly(2027, 3, 31), NextAction: "Wave 2", NextActionDate: Today.AddDays(30)), changedAt);
        await NoteAsync(Ids.TenantB, Seed.AsManager(), "The partner confirmed the migration window.", "Agree the cut-over date with the partner", changedAt);
        await NoteAsync(Ids.TenantCentre, new Caller("weekly@example", null, null, Role.Manager), "The pilot group of 50 users is ready for Teams.",
            "Run the pilot's readiness check", changedAt);
    }

    private async Task NoteAsync(long tenant, Caller author, string text, string action, DateTimeOffset at) =>
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<Notes.AddOverallNote.Handler>().HandleAsync(
            new Notes.AddOverallNote.Request(tenant, "EngagementManagement", text, action, Today.AddDays(2), author.UserName)), author, at)).Succeeded);

    private async Task ChangeAsync(string workload, EntitlementUpdate update, DateTimeOffset at) =>
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(Ids.TenantA, workload, 1, update)), Seed.AsManager(), at)).Succeeded);

    private Task<SendDigests.Outcome> PassAsync(Outbox outbox, DateTimeOffset at, string node = "node-a") =>
        Database.RunAsync(sp => ActivatorUtilities.CreateInstance<SendDigests.Handler>(sp, outbox, Schedule with { Node = node }).RunOnceAsync(), now: at);

    private Task<List<(string Email, DigestDelivery Row)>> RowsAsync() => Database.RunAsync(async sp =>
    {
        var db = sp.GetRequiredService<HeadwayDbContext>();
        return (await db.DigestDeliveries.AsNoTracking().Join(db.Users, d => d.UserId, u => u.Id, (d, u) => new { u.Email, Row = d }).ToListAsync())
            .Select(x => (x.Email!, x.Row)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
    });

    /// <summary>The mail server's side of the port: keeps what it is given, and refuses a recipient's first mails when told to.</summary>
    private sealed class Outbox : IDigestMailer
    {
        public List<(DigestRecipient Recipient, Digest Digest)> Sent { get; } = [];

        public Dictionary<string, int> FailuresFor { get; } = [];

        public bool IsConfigured => true;

        public Task SendAsync(DigestRecipient recipient, Digest digest, CancellationToken ct)
        {
            lock (Sent)
            {
                if (FailuresFor.TryGetValue(recipient.Email, out var failures) && failures > 0)
                {
                    FailuresFor[recipient.Email] = failures - 1;
                    throw new IOException("451 the server said no, try later");
                }

                Sent.Add((recipient, digest));
            }

            return Task.CompletedTask;
        }
    }
}
