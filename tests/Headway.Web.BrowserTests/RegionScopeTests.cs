using System.Globalization;
using Headway.Application;
using Headway.Application.Data;
using Headway.Application.Search;
using Headway.Application.Users;
using Headway.Testing;
using Headway.Web.BrowserTests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// An administrator limits a regional manager to EMEA on the user's page, in each language; the regional manager then sees
/// only EMEA tenants in the tenant list, the search, a report and the tenants export, checked against the portal's data
/// read as the operator.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RegionScopeTests(BrowserFixture fixture)
{
    private const string Password = "Harbour-Lantern-Meadow-7";

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("de-DE", "de")]
    [InlineData("ja-JP", "ja")]
    public async Task RegionalManagerLimitedToEmea_SeesOnlyEmeaInListSearchReportAndExport(string locale, string lang)
    {
        var email = $"regional-emea-{lang.ToLowerInvariant()}@centre.example";
        var added = await fixture.Server.Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(email, "RegionalManager", null, Password),
            Caller.System);
        Assert.True(added.Succeeded, added.Refusal?.Code);
        var emeaTenants = (await fixture.Server.Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants
            .Where(t => t.Region == "EMEA").Select(t => t.Id).ToListAsync(), Caller.System)).ToHashSet();
        Assert.NotEmpty(emeaTenants);

        // The administrator ticks EMEA on the user's page.
        var admin = await fixture.NewPageAsync(locale, HeadwayServer.Admin);
        await admin.GotoAsync("/admin/users/" + Uri.EscapeDataString(added.Value!.Id));
        await Expect(admin.Locator("#user-geography")).ToHaveTextAsync(UiStrings.Get(lang, "AdminGeographyAll"));
        await admin.Locator("#user-regions input[value='EMEA']").CheckAsync();
        await admin.Locator("#user-form button[type=submit]").ClickAsync();
        await Expect(admin.Locator("#user-saved")).ToBeVisibleAsync();
        await Expect(admin.Locator("#user-geography")).ToHaveTextAsync(Domain.Taxonomy.Geography.Default.RegionName("EMEA", lang));
        await BrowserFixture.ScreenshotAsync(admin, $"admin-user-geography-{lang}");

        var regional = await fixture.NewPageAsync(locale, user: null);
        await new SignInPage(regional).SignInAsync(email, Password);

        // The list: as many tenants as the administrator sees filtered to EMEA, every row in EMEA; another region is empty.
        await admin.GotoAsync("/tenants?region=EMEA");
        var adminCount = await admin.Locator("#tenant-count").TextContentAsync();
        await regional.GotoAsync("/tenants");
        await Expect(regional.Locator("#tenant-count")).ToHaveTextAsync(adminCount!);
        var listed = await regional.Locator("#tenant-table tbody tr").EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.id))");
        Assert.NotEmpty(listed);
        Assert.All(listed, id => Assert.Contains(id, emeaTenants));
        await regional.GotoAsync("/tenants?region=Japan");
        await Expect(regional.Locator("#no-tenants")).ToBeVisibleAsync();

        // The search: a word found in and out of EMEA finds only EMEA tenants' rows, fewer than the programme's.
        var (word, everywhere) = await WordFoundInAndOutOfEmeaAsync(emeaTenants);
        await regional.GotoAsync("/search?q=" + Uri.EscapeDataString(word));
        await Expect(regional.Locator("#search-count")).ToBeVisibleAsync();
        var hits = await regional.Locator("#search-hits li p:first-child a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(hits);
        Assert.All(hits, href => Assert.Contains(long.Parse(href.Split('/', '#')[2], CultureInfo.InvariantCulture), emeaTenants));
        var inEmea = await fixture.Server.Database.RunAsync(async sp => (await sp.GetRequiredService<SearchAll.Handler>()
            .HandleAsync(new SearchAll.Request(word))).Value!.Hits.Total, new Caller("operator in EMEA", null, null, Role.Admin) { Regions = ["EMEA"] });
        Assert.InRange(inEmea, 1, everywhere - 1);
        await Expect(regional.Locator("#search-count")).ToHaveTextAsync(UiStrings.Get(lang, "SearchCount", inEmea));

        // A report: the regional manager's is the programme's filtered to EMEA.
        await admin.GotoAsync("/reports/status-matrix?region=EMEA");
        var adminMatrix = await admin.Locator("#status-matrix").TextContentAsync() ?? "";
        var adminLines = await admin.Locator("#report-table").TextContentAsync();
        await regional.GotoAsync("/reports/status-matrix");
        await Expect(regional.Locator("#status-matrix")).ToHaveTextAsync(adminMatrix);
        Assert.Equal(adminLines, await regional.Locator("#report-table").TextContentAsync());

        // The tenants export, fetched with the regional manager's cookie: EMEA rows only, one per EMEA tenant.
        var export = await regional.Context.APIRequest.GetAsync("/api/v1/export/tenants?format=csv");
        Assert.Equal(200, export.Status);
        var lines = (await export.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        Assert.Equal(emeaTenants.Count, lines.Count);
        Assert.All(lines, line => Assert.Contains(long.Parse(line.Split(',')[0], CultureInfo.InvariantCulture), emeaTenants));

        await admin.Context.CloseAsync();
        await regional.Context.CloseAsync();
    }

    /// <summary>A word of the demo's status notes that the search finds in and out of EMEA, a page or so of hits in all.</summary>
    private async Task<(string Word, int Everywhere)> WordFoundInAndOutOfEmeaAsync(HashSet<long> emea)
    {
        var notes = await fixture.Server.Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements
            .Where(e => e.Note != null).Select(e => new { e.TenantRegion, e.Note }).ToListAsync(), Caller.System);
        HashSet<string> WordsOf(bool inEmea) => notes.Where(n => (n.TenantRegion == "EMEA") == inEmea)
            .SelectMany(n => n.Note!.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length >= 5 && w.All(char.IsLetter)).ToHashSet();
        var shared = WordsOf(true).Intersect(WordsOf(false)).Order(StringComparer.Ordinal).Take(40);
        foreach (var word in shared)
        {
            var found = await fixture.Server.Database.RunAsync(async sp => (await sp.GetRequiredService<SearchAll.Handler>()
                .HandleAsync(new SearchAll.Request(word, 1, 100))).Value!, Caller.System);
            if (!found.TotalIsAtLeast && found.Hits.Total <= 100
                && found.Hits.Items.Any(h => emea.Contains(h.TenantId)) && found.Hits.Items.Any(h => !emea.Contains(h.TenantId)))
            {
                return (word, found.Hits.Total);
            }
        }

        throw new InvalidOperationException("No word of the list is found both in and out of EMEA in the demo data.");
    }
}
