using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Demo;
using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>
/// The tenant list answered from the index (ADR-006) against the list answered by the database alone: every filter the
/// index holds, every sort in both directions, several pages and callers, on a demo portfolio; then again after writes
/// the index must catch up with, and after one it can only answer by loading again.
/// </summary>
public sealed class TenantListIndexTests : IAsyncLifetime, IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 1);
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private TenantListIndex _index = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.RunAsync(async sp =>
        {
            await sp.GetRequiredService<DemoUsers>().EnsureAsync();
            return await sp.GetRequiredService<DemoData>().GenerateAsync(new DemoData.Options(160, DemoData.DefaultSeed, Today));
        });
        _services = _database.Services();
        // Pages of seven: the first two keep their tenants in a heap, any page past the second puts every match in order.
        _index = new TenantListIndex(_services.GetRequiredService<IServiceScopeFactory>(), new TenantListIndex.Settings(true), TimeProvider.System)
        {
            HeapedUpTo = 20,
        };
        await _database.RunAsync(async sp =>
        {
            await _index.LoadAsync(sp.GetRequiredService<HeadwayDbContext>(), CancellationToken.None);
            return true;
        });
    }

    public void Dispose() => _index.Dispose();

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task FindAsync_EveryFilterSortAndPage_GivesTheDatabasesPagesAndCounts()
    {
        var compared = 0;
        var callers = await CallersAsync();
        var filters = await FiltersAsync();
        for (var i = 0; i < callers.Count; i++)
        {
            compared += await CompareAllAsync(callers[i], filters, i);
        }

        // Every comparison was answered by the index, not by the database twice.
        Assert.True(compared > 300, $"{compared} lists compared");
    }

    [Fact]
    public async Task FindAsync_AfterStatusChangesAndAReassignment_CatchesUpWithoutLoadingAgain()
    {
        const string Second = "second-manager@centre.example";
        var (blockedTenant, workload, version, centreTenants) = await _database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var e = await db.Entitlements.IgnoreQueryFilters().Where(x => x.L1 == "InProgress" && x.PartnerId == null).OrderBy(x => x.Id).FirstAsync();
            var t = await db.Tenants.IgnoreQueryFilters().Where(x => x.PartnerId == null).OrderBy(x => x.Id).Select(x => x.Id).Take(2).ToListAsync();
            return (e.TenantId, e.Workload, e.Version, t);
        });
        var admin = new Caller("admin@centre.example", null, null, Role.Admin);
        Assert.True((await _database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(Second, "Manager", null, "Correct-Horse-Battery-9"), admin, Now)).Succeeded);
        Assert.True((await _database.RunAsync(sp => sp.GetRequiredService<AssignTenant.Handler>().HandleAsync(new AssignTenant.Request(centreTenants[0], Second)), admin, Now))
            .Succeeded);

        // A manager the index has not seen: it steps aside until it has loaded again.
        Assert.Null(await FindAsync(admin, "sort=manager"));
        await _database.RunAsync(async sp =>
        {
            await _index.LoadAsync(sp.GetRequiredService<HeadwayDbContext>(), CancellationToken.None);
            return true;
        });

        var centreTenant = centreTenants[1];
        var changed = await _database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(blockedTenant, workload, version,
            new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "The works council has not yet approved storing chat history abroad; its next meeting is on 12 November.",
                ProjectedUnblockDate: new DateOnly(2026, 11, 20)))), Caller.System, Now);
        Assert.True(changed.Succeeded, changed.Refusal?.Code);
        var assigned = await _database.RunAsync(sp => sp.GetRequiredService<AssignTenant.Handler>().HandleAsync(new AssignTenant.Request(centreTenant, Second)), admin, Now);
        Assert.True(assigned.Succeeded, assigned.Refusal?.Code);
        var edited = await _database.RunAsync(sp => sp.GetRequiredService<EditTenant.Handler>().HandleAsync(
            new EditTenant.Request(centreTenant, new TenantDetails(Seats: 987_654, Priority: Priority.Low))), admin, Now);
        Assert.True(edited.Succeeded, edited.Refusal?.Code);

        var manager = new Caller(Second, null, null, Role.Manager);
        Assert.Equal(await SqlIdsAsync(manager, "l2=LegalRegulatory"), await IndexIdsAsync(manager, "l2=LegalRegulatory"));
        Assert.Contains(blockedTenant, await IndexIdsAsync(manager, "l2=LegalRegulatory&workload=" + workload));
        Assert.Equal(centreTenant, (await IndexIdsAsync(manager, "mine=true&sort=seats&desc=true"))[0]);
        Assert.Contains(centreTenant, await IndexIdsAsync(manager, "priority=Low&mine=true"));
        await CompareAllAsync(manager, ["", "mine=true", "l1=Blocked", "priority=Low", "l2=LegalRegulatory&workload=" + workload]);
    }

    [Fact]
    public async Task FindAsync_AfterARename_LeavesTheListToTheDatabaseUntilLoaded()
    {
        var admin = new Caller("admin@centre.example", null, null, Role.Admin);
        var tenant = await _database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.IgnoreQueryFilters().OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());
        var renamed = await _database.RunAsync(sp => sp.GetRequiredService<EditTenant.Handler>().HandleAsync(
            new EditTenant.Request(tenant, new TenantDetails(Name: "Aaaa Renamed First GmbH"))), admin, Now);
        Assert.True(renamed.Succeeded, renamed.Refusal?.Code);

        // The name's place is the database's to say: the index steps aside and loads again in the background.
        Assert.Null(await FindAsync(admin, ""));
        var sql = await SqlIdsAsync(admin, "");
        Assert.Equal(tenant, sql[0]);
        await _database.RunAsync(async sp =>
        {
            await _index.LoadAsync(sp.GetRequiredService<HeadwayDbContext>(), CancellationToken.None);
            return true;
        });
        Assert.Equal(sql, await IndexIdsAsync(admin, ""));
    }

    private async Task<List<Caller>> CallersAsync()
    {
        var partner = await _database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Partners.IgnoreQueryFilters()
            .Where(p => p.Name == DemoData.PartnerNames[0]).Select(p => p.Id).FirstAsync());
        return
        [
            new Caller("admin@centre.example", null, null, Role.Admin),
            new Caller(DemoUsers.Email(Role.Manager, null), null, null, Role.Manager),
            new Caller(DemoUsers.Email(Role.Manager, DemoData.PartnerNames[0]), partner, null, Role.Manager),
            new Caller(DemoUsers.Email(Role.Engineer, null), null, null, Role.Engineer),
            new Caller(DemoUsers.Email(Role.RegionalManager, null), null, null, Role.RegionalManager) { Regions = ["EMEA"], Countries = ["JP"] },
        ];
    }

    private async Task<List<string>> FiltersAsync()
    {
        var (word, manager) = await _database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var name = await db.Tenants.IgnoreQueryFilters().OrderBy(t => t.Id).Select(t => t.Name).Skip(3).FirstAsync();
            var someone = await db.Tenants.IgnoreQueryFilters().Where(t => t.ManagerName != null).OrderBy(t => t.Id).Select(t => t.ManagerName!).FirstAsync();
            return (name.Split(' ')[0], someone);
        });
        return
        [
            "", "l1=Blocked", "l1=InProgress&region=EMEA", "l1=Blocked&l1=NoIntent&priority=High", "l2=LegalRegulatory", "l2=ProductFeatureCapability&workload=EXO",
            "workload=TEAMS&l1=InProgress", "workload=INTUNE&workload=SPO", "grade=Poor", "grade=Good&grade=Insufficient", "priority=High", "country=DE",
            "country=JP&country=CN", "region=Americas", "manager=" + Uri.EscapeDataString(manager), "mine=true", "mine=true&l1=Blocked",
            "q=" + Uri.EscapeDataString(word), "q=" + Uri.EscapeDataString(word) + "&l1=InProgress", "q=%22%22",
        ];
    }

    /// <summary>Filters with sorts in both directions, on one of three pages of seven (in English, Japanese, German): index and database alike.</summary>
    private async Task<int> CompareAllAsync(Caller caller, IReadOnlyList<string> filters, int shift = 0)
    {
        var compared = 0;
        for (var f = 0; f < filters.Count; f++)
        {
            var filter = filters[f];
            for (var s = 0; s < ListTenants.SortKeys.Count; s++)
            {
                var sort = ListTenants.SortKeys[s];
                foreach (var desc in new[] { false, true })
                {
                    // A fifth of the combinations for each caller, a different fifth for the next, each on one of three pages.
                    var combination = f + s + (desc ? 1 : 0) + shift;
                    if (filters.Count > 5 && combination % 5 != 0)
                    {
                        continue;
                    }

                    var query = string.Join("&", new[] { filter, "sort=" + sort, desc ? "desc=true" : "" }.Where(p => p.Length > 0));
                    foreach (var (page, culture) in new[] { (1, "en"), (2, "ja"), (4, "de") }.Skip(combination % 3).Take(1))
                    {
                        var previous = CultureInfo.CurrentUICulture;
                        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                        try
                        {
                            var (sql, index, answered) = await _database.RunAsync(async sp =>
                            {
                                var db = sp.GetRequiredService<HeadwayDbContext>();
                                var clock = sp.GetRequiredService<TimeProvider>();
                                var request = new ListTenants.Request(Parse(query), page, 7);
                                // Every other list counts only a few rows past the page's start, as a broad list at scale does.
                                var counted = combination % 2 == 0 ? 9 : ListTenants.CountLimit;
                                var bySql = await new ListTenants.Handler(db, clock) { Counted = counted }.HandleAsync(request);
                                var byIndex = await new ListTenants.Handler(db, clock, _index) { Counted = counted }.HandleAsync(request);
                                // A name search's ids come from the database; that the index answers the rest is checked with none found.
                                var searched = query.StartsWith("q=", StringComparison.Ordinal) ? new HashSet<long>() : null;
                                var found = await _index.FindAsync(db, Parse(query), searched, null, culture, 0, 1, 501, CancellationToken.None);

                                // The next link's page, with its mark, both ways too.
                                if (bySql.Value!.Rows.Next is { } next)
                                {
                                    var following = request with { Page = next.Page, Mark = long.Parse(next.Position, CultureInfo.InvariantCulture) };
                                    var nextSql = (await new ListTenants.Handler(db, clock) { Counted = counted }.HandleAsync(following)).Value!;
                                    var nextIndex = (await new ListTenants.Handler(db, clock, _index) { Counted = counted }.HandleAsync(following)).Value!;
                                    Assert.Equal(nextSql.Rows.Items.Select(r => r.Id), nextIndex.Rows.Items.Select(r => r.Id));
                                    Assert.Equal(nextSql.Rows.Total, nextIndex.Rows.Total);
                                }

                                return (bySql.Value!, byIndex.Value!, found is not null);
                            }, caller, Now);
                            Assert.True(answered, $"{query}: not answered by the index");
                            var context = $"{caller.UserName} {query} page {page} ({culture})";
                            Assert.True(sql.Rows.Items.Select(r => r.Id).SequenceEqual(index.Rows.Items.Select(r => r.Id)),
                                $"{context}: {string.Join(",", sql.Rows.Items.Select(r => r.Id))} against {string.Join(",", index.Rows.Items.Select(r => r.Id))}");
                            Assert.True(sql.Rows.Total == index.Rows.Total, $"{context}: {sql.Rows.Total} against {index.Rows.Total}");
                            Assert.Equal(sql.TotalIsAtLeast, index.TotalIsAtLeast);
                            Assert.Equal(sql.Rows.Next, index.Rows.Next);
                            Assert.Equal(sql.Rows.Items, index.Rows.Items, RowsEqual);
                            compared++;
                        }
                        finally
                        {
                            CultureInfo.CurrentUICulture = previous;
                        }
                    }
                }
            }
        }

        return compared;
    }

    private static bool RowsEqual(ListTenants.Row a, ListTenants.Row b) =>
        a with { StatusMix = [] } == b with { StatusMix = [] } && a.StatusMix.SequenceEqual(b.StatusMix);

    private Task<TenantListIndex.Found?> FindAsync(Caller caller, string query) =>
        _database.RunAsync(sp => _index.FindAsync(sp.GetRequiredService<HeadwayDbContext>(), Parse(query), null, null, "en", 0, 200, 1000, CancellationToken.None), caller, Now);

    private async Task<List<long>> IndexIdsAsync(Caller caller, string query)
    {
        var found = await FindAsync(caller, query);
        Assert.NotNull(found);
        return [.. found.Page];
    }

    private Task<List<long>> SqlIdsAsync(Caller caller, string query) =>
        _database.RunAsync(async sp =>
        {
            var listed = await new ListTenants.Handler(sp.GetRequiredService<HeadwayDbContext>(), sp.GetRequiredService<TimeProvider>())
                .HandleAsync(new ListTenants.Request(Parse(query), 1, 200));
            return listed.Value!.Rows.Items.Select(r => r.Id).ToList();
        }, caller, Now);

    private static TenantFilter Parse(string query)
    {
        var parsed = TenantListQuery.Parse(query);
        Assert.True(parsed.Succeeded, parsed.Refusal?.Code);
        return parsed.Value;
    }
}
