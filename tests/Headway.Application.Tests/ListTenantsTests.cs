using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Notes;
using Headway.Application.Reports;
using Headway.Application.Search;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class ListTenantsTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>"Today" for the list: the seeded entitlements were last changed on 1 May, so two months earlier.</summary>
    private static readonly DateTimeOffset July = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);

    private const string Contoso = "Contoso Pharma GmbH";
    private const string Dongfang = "东方物流有限公司";
    private const string Yamada = "山田製作所株式会社";

    private async Task<ListTenants.Response> ListAsync(TenantFilter filter, Caller? caller = null, bool? collectFirst = null, int page = 1, int size = 25,
        int? counted = null, int? sortAllUpTo = null)
    {
        var result = await ResultAsync(filter, caller, collectFirst, page, size, counted, sortAllUpTo);
        Assert.True(result.Succeeded, result.Refusal?.Code);
        return result.Value;
    }

    private Task<Result<ListTenants.Response>> ResultAsync(TenantFilter filter, Caller? caller = null, bool? collectFirst = null, int page = 1, int size = 25,
        int? counted = null, int? sortAllUpTo = null) =>
        Database.RunAsync(sp => new ListTenants.Handler(sp.GetRequiredService<HeadwayDbContext>(), sp.GetRequiredService<TimeProvider>())
        {
            CollectFirst = collectFirst,
            Counted = counted ?? ListTenants.CountLimit,
            SortAllUpTo = sortAllUpTo ?? ListTenants.SortedAtOnce,
        }.HandleAsync(new ListTenants.Request(filter, page, size)), caller ?? Seed.AsManager(), July);

    private static TenantFilter Query(string query)
    {
        var parsed = TenantListQuery.Parse(query);
        Assert.True(parsed.Succeeded, parsed.Refusal?.Code);
        return parsed.Value;
    }

    private async Task<List<string>> NamesAsync(string query, Caller? caller = null, bool? collectFirst = null) =>
        [.. (await ListAsync(Query(query), caller, collectFirst)).Rows.Items.Select(r => r.Name)];

    private async Task ChangeAsync(long tenant, string workload, EntitlementUpdate update) =>
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(tenant, workload, 1, update)), Seed.AsManager(), June)).Succeeded);

    /// <summary>
    /// Contoso (DE, partner A, 1,200 seats): EXO blocked by app compatibility without an unblock date, TEAMS no intent with a
    /// poor note. 东方物流 (CN, partner B, 800 seats): SPO in migration past its target date, a #covid overall note.
    /// 山田製作所 (JP, the centre, 5,000 seats, high priority): EXO in technical onboarding with a #Migration status note,
    /// assigned to another manager. Every other entitlement is unchanged since 1 May.
    /// </summary>
    private async Task ArrangeAsync()
    {
        await ChangeAsync(Ids.TenantA, "EXO", new EntitlementUpdate("Blocked", "AppCompatibility", Note: "The document management add-in is not certified for Exchange Online."));
        await ChangeAsync(Ids.TenantA, "TEAMS", new EntitlementUpdate("NoIntent", "ExecutiveSponsorship", Note: "Customer has no intent."));
        await ChangeAsync(Ids.TenantB, "SPO", new EntitlementUpdate("InProgress", "Migration", Note: "Intranet migration, wave 2 of 3.", TargetDate: new DateOnly(2026, 6, 20)));
        await ChangeAsync(Ids.TenantCentre, "EXO", new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment",
            Note: "Pilot with 50 mailboxes in finance, then all users by September. #Migration", TargetDate: new DateOnly(2026, 9, 30)));
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<AddOverallNote.Handler>().HandleAsync(
            new AddOverallNote.Request(Ids.TenantB, "ServiceIntent", "Customer asked for accelerated deployment help. #covid")), Seed.AsManager(), June)).Succeeded);
        await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var yamada = await db.Tenants.SingleAsync(t => t.Id == Ids.TenantCentre);
            yamada.Priority = Priority.High;
            yamada.ManagerName = "other@example";
            await db.Entitlements.Where(e => e.TenantId == Ids.TenantCentre).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.TenantPriority, Priority.High).SetProperty(e => e.TenantManager, "other@example"));
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task ListTenants_ProgrammeWide_SeesEveryPartnerAndTheCentre()
    {
        var page = (await ListAsync(new TenantFilter())).Rows;

        Assert.Equal(3, page.Total);
        Assert.Equal([Contoso, Dongfang, Yamada], page.Items.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListTenants_AsPartner_SeesOnlyItsOwnTenants()
    {
        var page = (await ListAsync(new TenantFilter(), new Caller("b@partner", Ids.PartnerB, null, Role.Leadership))).Rows;

        var row = Assert.Single(page.Items);
        Assert.Equal((Ids.TenantB, "Partner B", 4), (row.Id, row.Partner, row.Entitlements));
        Assert.Equal(1, page.Total);
    }

    [Theory]
    [InlineData("contoso", Contoso)]
    [InlineData("物流", Dongfang)]
    [InlineData("东方", Dongfang)]
    [InlineData("製作所", Yamada)]
    [InlineData("pharma contoso", Contoso)]
    [InlineData("GMBH   Contoso", Contoso)]
    [InlineData("有限 东方", Dongfang)]
    public async Task ListTenants_Search_FindsEveryWordInNameOrBrandNameInAnyScriptAndOrder(string search, string expected)
    {
        var page = (await ListAsync(new TenantFilter { Text = search })).Rows;

        Assert.Equal(expected, Assert.Single(page.Items).Name);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("contoso 物流")]
    [InlineData("firewall")]
    public async Task ListTenants_SearchWithWildcardsOrWordsOfDifferentTenants_FindsNothing(string search)
    {
        var page = (await ListAsync(new TenantFilter { Text = search })).Rows;

        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("contoso")]
    [InlineData("gmbh pharma")]
    [InlineData("东方")]
    [InlineData("山田 株式会社")]
    [InlineData("co")]
    public async Task ListTenants_Search_FindsTheTenantsTheSiteSearchFinds(string words)
    {
        var listed = (await ListAsync(new TenantFilter { Text = words })).Rows.Items.Select(r => r.Id).Order();
        var searched = await Database.RunAsync(sp => sp.GetRequiredService<SearchAll.Handler>().HandleAsync(new SearchAll.Request(words, 1, 200)), Seed.AsManager());

        Assert.Equal(searched.Value!.Hits.Items.Where(h => h.Kind == SearchAll.HitKind.Tenant).Select(h => h.TenantId).Order(), listed);
        Assert.NotEmpty(listed);
    }

    public static TheoryData<string, string[]> Filters => new()
    {
        { "l1=Blocked", [Contoso] },
        { "l1=Blocked&l1=InProgress", [Contoso, Dongfang, Yamada] },
        { "l1=inprogress", [Dongfang, Yamada] },
        { "l1=DuplicateInvalid", [] },
        { "l2=AppCompatibility", [Contoso] },
        { "l2=Migration&l2=ExecutiveSponsorship", [Contoso, Dongfang] },
        { "workload=SPO&l1=InProgress", [Dongfang] },
        { "workload=EXO&l1=InProgress", [Yamada] },
        { "workload=TEAMS&l1=Blocked", [] },
        { "workload=OPP", [Contoso, Dongfang, Yamada] },
        { "grade=Poor", [Contoso] },
        { "grade=Poor&workload=EXO", [] },
        { "priority=High", [Yamada] },
        { "priority=Low&priority=Medium", [Contoso, Dongfang] },
        { "country=DE&country=JP", [Contoso, Yamada] },
        { "region=Greater China", [Dongfang] },
        { "manager=other@example", [Yamada] },
        { "manager=fm@example&manager=other@example", [Contoso, Dongfang, Yamada] },
        { "mine=true", [Contoso, Dongfang] },
        { "tag=covid", [Dongfang] },
        { "tag=%23migration", [Yamada] },
        { "tag=covid&tag=migration", [Dongfang, Yamada] },
        { "tag=security", [] },
        { "hygiene=PoorNote", [Contoso] },
        { "hygiene=TargetDatePassed", [Dongfang] },
        { "hygiene=NoUnblockDate&hygiene=TargetDatePassed", [Contoso, Dongfang] },
        { "hygiene=NotUpdated", [Contoso, Dongfang, Yamada] },
        { "hygiene=NotUpdated&staleDays=90", [] },
        { "hygiene=NoUnblockDate&workload=SPO", [] },
        { "region=EMEA&l1=Blocked&priority=Medium&mine=true", [Contoso] },
        { "q=contoso&l1=InProgress", [] },
        { "q=株式会社&l1=InProgress&workload=EXO&priority=High", [Yamada] },
        { "mine=true&tag=covid&hygiene=TargetDatePassed&country=CN", [Dongfang] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ListTenants_Filter_KeepsTheTenantsWithAnEntitlementOrAttributeThatMeetsIt(string query, string[] expected)
    {
        await ArrangeAsync();

        var page = (await ListAsync(Query(query))).Rows;

        Assert.Equal(expected, page.Items.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public async Task ListTenants_EveryFilter_CollectedFirstOrCheckedPerTenant_FindsAndCountsTheSameTenants()
    {
        await ArrangeAsync();

        foreach (var (query, expected) in Filters.Select(row => ((string)row[0], (string[])row[1])))
        {
            var collected = await NamesAsync(query, collectFirst: true);
            var perTenant = await NamesAsync(query, collectFirst: false);
            var chosen = await NamesAsync(query);

            Assert.True(collected.SequenceEqual(perTenant) && perTenant.SequenceEqual(chosen), query);
            // Checked per tenant, a filter on entitlements alone is counted from the matching rows' distinct tenants.
            var totals = new List<int>();
            foreach (var collectFirst in new bool?[] { true, false, null })
            {
                totals.Add((await ListAsync(Query(query), collectFirst: collectFirst)).Rows.Total);
            }

            Assert.True(totals.All(t => t == expected.Length), $"{query}: {string.Join(", ", totals)}");
        }
    }

    [Theory]
    [MemberData(nameof(HygieneReasons))]
    public async Task ListTenants_HygieneReason_FindsTheTenantsBehindTheHygieneReport(string reason)
    {
        await ArrangeAsync();

        var listed = (await ListAsync(Query("hygiene=" + reason))).Rows.Items.Select(r => r.Id).Order().ToList();
        var drilled = await Database.RunAsync(sp => sp.GetRequiredService<DrillDown.Handler>()
            .HandleAsync(new DrillDown.Request(new ReportFilter(), Hygiene: reason, PageSize: 200)), Seed.AsManager(), July);

        Assert.Equal(drilled.Value!.Items.Select(r => r.TenantId!.Value).Distinct().Order(), listed);
    }

    public static TheoryData<string> HygieneReasons => [.. HygieneReport.Reasons];

    [Fact]
    public async Task ListTenants_StatusMix_CountsEachL1InTaxonomyOrderWithTheLatestChange()
    {
        await ArrangeAsync();

        var contoso = (await ListAsync(Query("q=contoso"))).Rows.Items.Single();

        Assert.Equal([new("StatusUnknown", 2), new("NoIntent", 1), new("Blocked", 1)], contoso.StatusMix);
        Assert.Equal(4, contoso.Entitlements);
        Assert.Equal(June, contoso.LastChange);
    }

    public static TheoryData<string, string[]> Sorts => new()
    {
        { "sort=name", [Contoso, Dongfang, Yamada] },
        { "sort=name&desc=true", [Yamada, Dongfang, Contoso] },
        { "sort=seats", [Dongfang, Contoso, Yamada] },
        { "sort=seats&desc=true", [Yamada, Contoso, Dongfang] },
        { "sort=priority&desc=true", [Yamada, Dongfang, Contoso] },
        { "sort=priority", [Contoso, Dongfang, Yamada] },
        { "sort=manager", [Contoso, Dongfang, Yamada] },
        { "sort=manager&desc=true", [Yamada, Dongfang, Contoso] },
        { "sort=partner", [Yamada, Contoso, Dongfang] },
        { "sort=partner&desc=true", [Dongfang, Contoso, Yamada] },
        { "sort=status&desc=true", [Contoso, Yamada, Dongfang] },
        { "sort=entitlements", [Contoso, Dongfang, Yamada] },
        { "sort=lastChange&desc=true", [Yamada, Dongfang, Contoso] },
        { "sort=region", [Contoso, Dongfang, Yamada] },
    };

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task ListTenants_Sort_OrdersByTheColumnThenByName(string query, string[] expected)
    {
        await ArrangeAsync();

        Assert.Equal(expected, await NamesAsync(query));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("zh-Hans")]
    [InlineData("ja")]
    public async Task ListTenants_SortByCountry_FollowsTheCountryNamesInTheReadersLanguage(string lang)
    {
        var byCode = new[] { Dongfang, Contoso, Yamada };
        var countries = new Dictionary<string, string> { [Contoso] = "DE", [Dongfang] = "CN", [Yamada] = "JP" };
        var names = StringComparer.Create(CultureInfo.GetCultureInfo(lang), ignoreCase: true);
        var expected = countries.OrderBy(c => Domain.Taxonomy.Geography.Default.CountryName(c.Value, lang), names).Select(c => c.Key).ToList();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang);
        try
        {
            Assert.Equal(expected, await NamesAsync("sort=country"));
            Assert.Equal(Enumerable.Reverse(expected), await NamesAsync("sort=country&desc=true"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        // In Chinese, 德国 (Dé), 日本 (Rì), 中国 (Zhōng): not the order of the codes CN, DE, JP.
        if (lang == "zh-Hans")
        {
            Assert.NotEqual(byCode, expected);
        }
    }

    [Theory]
    [MemberData(nameof(SortKeys))]
    public async Task ListTenants_PagedOneByOneInAnySort_ShowsEveryTenantOnceInTheSameOrder(string sort)
    {
        await ArrangeAsync();
        foreach (var descending in new[] { false, true })
        {
            var filter = new TenantFilter { Sort = sort, Descending = descending };
            var whole = (await ListAsync(filter)).Rows.Items.Select(r => r.Id).ToList();
            var paged = new List<long>();
            for (var page = 1; page <= 3; page++)
            {
                paged.AddRange((await ListAsync(filter, page: page, size: 1)).Rows.Items.Select(r => r.Id));
            }

            Assert.Equal(whole, paged);
            Assert.Equal(3, paged.Distinct().Count());
        }
    }

    public static TheoryData<string> SortKeys => [.. ListTenants.SortKeys];

    /// <summary>
    /// A search that finds at most <see cref="ListTenants.SortedAtOnce"/> tenants puts them in order in one query (and,
    /// with the limit at -1, the count and the page are queried each, as for more): either way the pages are those of the
    /// same list without a search, with the same counts and next links. Pages of one and of two rows, each direction.
    /// </summary>
    [Theory]
    [MemberData(nameof(SortKeysBothWays))]
    public async Task ListTenants_Search_PagesAndCountsAsTheListWithoutASearch(string sort, int sortAllUpTo)
    {
        await ArrangeAsync();
        // One word in every tenant's brand name: the search keeps all three.
        await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.IgnoreQueryFilters()
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.BrandName, t => "Northwind " + t.Id)));
        foreach (var (descending, size) in new[] { (false, 1), (true, 1), (false, 2), (true, 2) })
        {
            var everyone = new TenantFilter { Sort = sort, Descending = descending };
            var searched = everyone with { Text = "northwind" };
            var expected = (await ListAsync(everyone)).Rows.Items.Select(r => (r.Id, r.Entitlements)).ToList();
            var paged = new List<(long, int)>();
            for (var page = 1; page <= 3; page++)
            {
                var found = await ListAsync(searched, page: page, size: size, counted: 1, sortAllUpTo: sortAllUpTo);
                var listed = await ListAsync(everyone, page: page, size: size, counted: 1);
                paged.AddRange(found.Rows.Items.Select(r => (r.Id, r.Entitlements)));
                Assert.Equal((listed.Rows.Total, listed.TotalIsAtLeast, listed.Rows.Next?.Page), (found.Rows.Total, found.TotalIsAtLeast, found.Rows.Next?.Page));
            }

            Assert.Equal(3, expected.Count);
            Assert.Equal(expected, paged);
        }
    }

    /// <summary>
    /// A next link carries the list's mark: a tenant registered after the first page is left out of the later pages and of
    /// their count, whether the tenants found are put in order in one query or counted and paged each.
    /// </summary>
    [Theory]
    [InlineData(ListTenants.SortedAtOnce)]
    [InlineData(-1)]
    public async Task ListTenants_NameSearchFollowedByItsNextLink_LeavesOutTenantsRegisteredAfterTheFirstPage(int sortAllUpTo)
    {
        await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.IgnoreQueryFilters()
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.BrandName, t => "Northwind " + t.Id)));
        var searched = new TenantFilter { Text = "northwind" };
        var first = await ListAsync(searched, size: 1, sortAllUpTo: sortAllUpTo);
        var order = (await ListAsync(searched, sortAllUpTo: sortAllUpTo)).Rows.Items.Select(r => r.Id).ToList();
        await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            db.Tenants.Add(new Tenant { Name = "Aaron Northwind Trading", Country = "DE", Region = "EMEA" });
            return await db.SaveChangesAsync();
        });

        var next = Assert.IsType<PageCursor>(first.Rows.Next);
        var later = await Database.RunAsync(sp => new ListTenants.Handler(sp.GetRequiredService<HeadwayDbContext>(), sp.GetRequiredService<TimeProvider>())
        {
            SortAllUpTo = sortAllUpTo,
        }.HandleAsync(new ListTenants.Request(searched, next.Page, 1, next.Mark)), Seed.AsManager(), July);
        var now = await ListAsync(searched, page: 2, size: 1, sortAllUpTo: sortAllUpTo);

        Assert.Equal(3, first.Rows.Total);
        Assert.True(later.Succeeded, later.Refusal?.Code);
        Assert.Equal(3, later.Value!.Rows.Total);
        Assert.Equal(4, now.Rows.Total);
        // The new tenant sorts first: without the mark, the second page would show the first page's tenant again.
        Assert.Equal(order[1], Assert.Single(later.Value.Rows.Items).Id);
        Assert.Equal(order[0], Assert.Single(now.Rows.Items).Id);
    }

    public static TheoryData<string, int> SortKeysBothWays
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var key in ListTenants.SortKeys)
            {
                data.Add(key, ListTenants.SortedAtOnce);
                data.Add(key, -1);
            }

            return data;
        }
    }

    [Fact]
    public async Task ListTenants_SortByPage_PagesTheRightSlice()
    {
        var first = (await ListAsync(Query("sort=seats&desc=true"), size: 2)).Rows;
        var second = (await ListAsync(Query("sort=seats&desc=true"), page: 2, size: 2)).Rows;

        Assert.Equal([5000, 1200], first.Items.Select(r => r.Seats));
        Assert.Equal([800], second.Items.Select(r => r.Seats));
        Assert.Equal((3, 2), (first.Total, first.PageCount));
    }

    [Fact]
    public async Task ListTenants_PageSizeOutOfRange_IsClamped()
    {
        var page = (await ListAsync(new TenantFilter(), page: -3, size: 100_000)).Rows;

        Assert.Equal((1, Paging.MaxPageSize), (page.PageNumber, page.PageSize));
    }

    [Fact]
    public async Task ListTenants_MoreThanCounted_SaysAtLeastAndKeepsTheNextPagesReachable()
    {
        var first = await ListAsync(new TenantFilter(), page: 1, size: 1, counted: 1);
        var last = await ListAsync(new TenantFilter(), page: 3, size: 1, counted: 1);

        Assert.Equal((2, true, 2), (first.Rows.Total, first.TotalIsAtLeast, first.Rows.PageCount));
        Assert.Equal((3, false, 3), (last.Rows.Total, last.TotalIsAtLeast, last.Rows.PageCount));
        Assert.Equal(Yamada, Assert.Single(last.Rows.Items).Name);
    }

    [Fact]
    public async Task ListTenants_AsPartner_FiltersNeverReachAnotherPartnersTenants()
    {
        await ArrangeAsync();
        var partnerA = new Caller("a@partner", Ids.PartnerA, null, Role.Leadership);

        foreach (var query in new[] { "tag=covid", "q=东方", "l1=InProgress", "hygiene=TargetDatePassed", "country=CN", "sort=status", "manager=fm@example" })
        {
            foreach (var collectFirst in new bool?[] { null, true, false })
            {
                var names = await NamesAsync(query, partnerA, collectFirst);
                Assert.True(names.All(n => n == Contoso), $"{query}: {string.Join(", ", names)}");
            }
        }

        Assert.Equal([Contoso], await NamesAsync("l1=Blocked", partnerA));

        // A word of three characters or more is looked up in the search index alone: still only the partner's own.
        foreach (var query in new[] { "q=东方物流", "q=东方物流&l1=InProgress", "q=山田製作所" })
        {
            var found = await ListAsync(Query(query), partnerA);
            Assert.Equal((0, false, 0), (found.Rows.Total, found.TotalIsAtLeast, found.Rows.Items.Count));
        }

        Assert.Equal([Contoso], await NamesAsync("q=Contoso", partnerA));
    }

    [Fact]
    public async Task ListTenants_AsProductAnalyst_IsRefused()
    {
        var result = await ResultAsync(new TenantFilter(), new Caller("pa@example", null, null, Role.ProductAnalyst));

        Assert.Equal(RefusalCodes.Forbidden, result.Refusal?.Code);
    }

    [Theory]
    [InlineData("l1", RefusalCodes.UnknownFilterValue)]
    [InlineData("sort", RefusalCodes.UnknownFilterValue)]
    [InlineData("q", RefusalCodes.FieldTooLong)]
    public async Task ListTenants_FilterBuiltWithAnUnknownValue_IsRefusedNamingIt(string field, string code)
    {
        var filter = field switch
        {
            "l1" => new TenantFilter { L1 = ["Stalled"] },
            "sort" => new TenantFilter { Sort = "colour" },
            _ => new TenantFilter { Text = new string('x', SearchAll.MaxQuery + 1) },
        };

        var result = await ResultAsync(filter);

        Assert.Equal((code, field), (result.Refusal?.Code, result.Refusal?.Field));
    }

    [Fact]
    public async Task AllRows_WithFilterAndSort_AreEveryPageInOrder()
    {
        await ArrangeAsync();
        var filter = Query("l1=InProgress&l1=NoIntent&sort=seats&desc=true");

        var all = await Database.RunAsync(async sp =>
        {
            var rows = sp.GetRequiredService<ListTenants.Handler>().All(filter);
            return await rows.Value!.ToListAsync();
        }, Seed.AsManager(), July);
        var shown = (await ListAsync(filter)).Rows.Items;

        Assert.Equal(shown.Select(r => (r.Id, r.Entitlements, r.LastChange)), all.Select(r => (r.Id, r.Entitlements, r.LastChange)));
        Assert.Equal([Yamada, Contoso, Dongfang], all.Select(r => r.Name));
    }
}
