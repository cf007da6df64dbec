using Headway.Application.Data;
using Headway.Application.Demo;
using Headway.Application.Users;
using Headway.Application.WorkList;
using Headway.Domain.Entitlements;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class DemoDataTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 1);
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await GenerateAsync(_database, 200);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Task<DemoData.Summary> GenerateAsync(TestDatabase database, int tenants, int seed = DemoData.DefaultSeed) =>
        database.RunAsync(sp => sp.GetRequiredService<DemoData>().GenerateAsync(new DemoData.Options(tenants, seed, Today)));

    private Task<T> ReadAsync<T>(Func<HeadwayDbContext, Task<T>> read) =>
        _database.RunAsync(sp => read(sp.GetRequiredService<HeadwayDbContext>()));

    [Fact]
    public async Task Generate_200Tenants_CoversEveryL2TwoPartnersAndTheCentre()
    {
        var statuses = await ReadAsync(db => db.Entitlements.Select(e => new { e.L1, e.L2 }).Distinct().ToListAsync());
        var partners = await ReadAsync(db => db.Tenants.Select(t => t.PartnerId).Distinct().CountAsync());
        var countries = await ReadAsync(db => db.Tenants.Select(t => t.Country).Distinct().CountAsync());

        Assert.Equal(200, await ReadAsync(db => db.Tenants.CountAsync()));
        foreach (var l2 in StatusTaxonomy.Default.L2s)
        {
            Assert.Contains(statuses, s => s.L1 == l2.L1Code && s.L2 == l2.Code);
        }

        Assert.Contains(statuses, s => s.L1 == "DuplicateInvalid");
        Assert.Equal(3, partners);
        Assert.True(countries >= 15, $"only {countries} countries");
        var places = await ReadAsync(db => db.Tenants.Select(t => new { t.Country, t.Region }).Distinct().ToListAsync());
        Assert.All(places, p => Assert.Equal(Geography.Default.FindCountry(p.Country)?.Region, p.Region));
    }

    [Fact]
    public async Task Generate_TheDemoManagersTenants_HaveTheDemoEngineerOnTheirTeam_AndTheEnterpriseOnesTheArchitect()
    {
        var tenants = await ReadAsync(db => db.Tenants.Select(t => new { t.ManagerName, t.PartnerId, t.IsEnterprise, t.AccountTeam }).ToListAsync());
        var demo = tenants.Where(t => t.ManagerName!.StartsWith("manager@", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(demo);
        Assert.All(demo, t =>
        {
            var domain = t.ManagerName!.Split('@')[1];
            Assert.Equal(t.IsEnterprise ? ["engineer@" + domain, "architect@" + domain] : ["engineer@" + domain], t.AccountTeam);
        });
        Assert.All(tenants.Except(demo), t => Assert.Empty(t.AccountTeam));
    }

    [Fact]
    public async Task Generate_Notes_AreWrittenInChineseGermanJapaneseAndEnglish()
    {
        var notes = await ReadAsync(db => db.Entitlements.Where(e => e.Note != null).Select(e => e.Note!).ToListAsync());

        Assert.Contains(notes, n => n.Any(c => c is >= '\u3040' and <= '\u30ff'));                 // kana: Japanese
        Assert.Contains(notes, n => n.Any(c => c is >= '\u4e00' and <= '\u9fff') && !n.Any(c => c is >= '\u3040' and <= '\u30ff'));
        Assert.Contains(notes, n => n.Contains('ä', StringComparison.Ordinal) || n.Contains('ü', StringComparison.Ordinal) || n.Contains('ß', StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains(" the ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_EveryEntitlement_KeepsTheStatusRules()
    {
        var entitlements = await ReadAsync(db => db.Entitlements.ToListAsync());
        var tenants = await ReadAsync(db => db.Tenants.ToDictionaryAsync(t => t.Id));

        foreach (var e in entitlements)
        {
            var l1 = StatusTaxonomy.Default.FindL1(e.L1)!;
            Assert.Equal(l1.RequiresL2, e.L2 is not null);
            if (e.L2 is not null)
            {
                Assert.Equal(e.L1, StatusTaxonomy.Default.FindL2(e.L2)!.L1Code);
            }

            Assert.Equal(l1.RequiresTargetDate, e.TargetDate is not null);
            Assert.True(e.EngagementStartDate is null || l1.AllowsEngagementStartDate);
            Assert.True(e.ProjectedUnblockDate is null || l1.ExpectsProjectedUnblockDate);
            Assert.Equal(tenants[e.TenantId].PartnerId, e.PartnerId);
            if (tenants[e.TenantId].IsDuplicate)
            {
                Assert.Equal("DuplicateInvalid", e.L1);
                Assert.NotNull(e.StatusBeforeDuplicate);
            }
            else if (e.L1 == "DuplicateInvalid")
            {
                Assert.True(EntitlementRules.MayBeDuplicateAlone(e.Workload, entitlements.Where(x => x.TenantId == e.TenantId)));
            }
        }
    }

    [Fact]
    public async Task Generate_History_SpansAYearAndEndsInEachEntitlementsCurrentState()
    {
        var entitlements = await ReadAsync(db => db.Entitlements.ToDictionaryAsync(e => e.Id));
        var history = await ReadAsync(db => db.StatusChanges.ToListAsync());

        var byEntitlement = history.GroupBy(h => h.EntitlementId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.ChangedAt).ToList());
        Assert.Equal(entitlements.Count, byEntitlement.Count);
        foreach (var (id, changes) in byEntitlement)
        {
            var last = changes[^1];
            var e = entitlements[id];
            Assert.Equal((e.L1, e.L2, e.Note, e.TargetDate), (last.L1, last.L2, last.Note, last.TargetDate));
            Assert.Equal(ChangeKind.Created, changes[0].Kind);
            Assert.True(changes.Count >= 2);
        }

        var today = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.True(history.Min(h => h.ChangedAt) < today.AddDays(-330));
        Assert.True(history.Max(h => h.ChangedAt) <= today.AddDays(1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bluefield Partners")]
    [InlineData("Kestrel Consulting")]
    public async Task Generate_EachDemoManager_HasADayOfWork(string? partnerName)
    {
        var partner = partnerName is null ? null : (long?)await ReadAsync(db => db.Partners.Where(p => p.Name == partnerName).Select(p => p.Id).SingleAsync());
        var manager = DemoUsers.Email(Role.Manager, partnerName);

        var list = await _database.RunAsync(async sp => (await sp.GetRequiredService<GetWorkList.Handler>()
            .HandleAsync(new GetWorkList.Request(manager, Today, 200))).Value!, new Caller(manager, partner, null, Role.Manager));

        GetWorkList.GroupSummary Group(WorkGroup g) => list.Groups.Single(x => x.Group == g);
        var due = WorkGroups.NextActions.SelectMany(g => Group(g).Items).ToList();
        Assert.All(WorkGroups.NextActions, g => Assert.True(Group(g).Total > 0, $"{manager}: nothing in {g}"));
        Assert.Contains(due, i => i.Subject == WorkSubject.Entitlement);
        Assert.Contains(due, i => i.Subject == WorkSubject.Note);
        // Next actions beyond this week exist too: the spread goes on past the work list's horizon.
        Assert.True(await ReadAsync(db => db.Entitlements.CountAsync(e => e.TenantManager == manager && e.NextActionDate > Today.AddDays(7))) > 0);
        var requests = Group(WorkGroup.SummaryRequested).Items;
        Assert.True(requests.Count >= 3, $"{manager}: {requests.Count} summary requests");
        Assert.All(requests, r => Assert.Equal(DemoUsers.Email(Role.RegionalManager, partnerName), r.Person));
        Assert.Contains(requests, r => r.Date < Today);
        Assert.Contains(requests, r => r.Date == Today);
        // Looked after: most entitlements were changed within the month, some were left alone.
        var entitlements = list.ByL1.Values.Sum();
        Assert.InRange(Group(WorkGroup.NotUpdated).Total, 1, entitlements / 3);
    }

    [Fact]
    public async Task Generate_History_RunsUpToTodayAndMostOldNextActionsWereDone()
    {
        var start = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var latest = await ReadAsync(db => db.StatusChanges.OrderByDescending(c => c.ChangedAt).Select(c => c.ChangedAt).FirstAsync());
        var done = await ReadAsync(db => db.StatusChanges.Where(c => c.Kind == ChangeKind.NextActionDone).ToListAsync());
        var noteRevisions = await ReadAsync(db => db.OverallNoteRevisions.ToListAsync());
        var notesDone = await ReadAsync(db => db.OverallNotes.CountAsync(n => n.NextActionDoneAt != null));

        Assert.InRange(latest, start.AddDays(-1), start);
        Assert.NotEmpty(done);
        Assert.All(done, c => Assert.Contains(c.Changes, f => f.Field == "NextAction" && f.Before != null && f.After == null));
        Assert.Equal(notesDone, noteRevisions.Count);
        Assert.All(noteRevisions, r => Assert.Equal(NoteRevisionKind.NextActionDone, r.Kind));
        var overdue = await ReadAsync(db => db.Entitlements.CountAsync(e => e.NextActionDate < Today.AddDays(-2)));
        Assert.True(done.Count > overdue, $"{done.Count} done, {overdue} long overdue");
    }

    [Fact]
    public async Task Generate_SameSeed_GivesTheSameDataAndAnotherSeedDiffers()
    {
        await using var again = await TestDatabase.CreateAsync();
        await using var other = await TestDatabase.CreateAsync();
        await GenerateAsync(again, 200);
        await GenerateAsync(other, 200, seed: 7);

        static Task<List<string>> Fingerprint(TestDatabase d) => d.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements
            .OrderBy(e => e.Id).Select(e => e.TenantId + e.Workload + e.L1 + e.L2 + e.Note).ToListAsync());

        Assert.Equal(await Fingerprint(_database), await Fingerprint(again));
        Assert.NotEqual(await Fingerprint(_database), await Fingerprint(other));
    }
}
