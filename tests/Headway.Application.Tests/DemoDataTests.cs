using Headway.Application.Data;
using Headway.Application.Demo;
using Headway.Domain.Entitlements;
using Headway.Domain.Taxonomy;
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
