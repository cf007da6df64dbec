using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Exports;
using Headway.Application.Notes;
using Headway.Application.Reports;
using Headway.Application.Search;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>
/// A caller limited to regions or countries reads only the tenants there, in every table and every use case, through the
/// same filters as partner scope. The seed has one tenant in EMEA (DE, partner A), one in Greater China (CN, partner B)
/// and one in Japan (JP, the centre).
/// </summary>
public class GeographyScopeTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static Caller Regional(long? partner = null, string[]? regions = null, string[]? countries = null) =>
        new("rm@example", partner, null, Role.RegionalManager) { Regions = regions ?? [], Countries = countries ?? [] };

    private async Task NoteEverywhereAsync()
    {
        foreach (var tenant in new[] { Ids.TenantA, Ids.TenantB, Ids.TenantCentre })
        {
            Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
                new ChangeStatus.Request(tenant, "EXO", 1, new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "Firewall approval pending with the works council.",
                    ProjectedUnblockDate: new DateOnly(2026, 9, 1)))), Seed.AsManager(), June)).Succeeded);
            Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<AddOverallNote.Handler>().HandleAsync(
                new AddOverallNote.Request(tenant, "TechnicalEnablement", "Firewall rule for SMTP went live on Monday.")), Seed.AsManager(), June)).Succeeded);
        }
    }

    private Task<T> AsAsync<T>(Caller caller, Func<IServiceProvider, Task<T>> work) => Database.RunAsync(work, caller, June);

    [Fact]
    public async Task LimitedToEmea_EveryTableHoldsOnlyEmeaTenants()
    {
        await NoteEverywhereAsync();
        var emea = Regional(regions: ["EMEA"]);

        var seen = await AsAsync(emea, async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return new
            {
                Tenants = await db.Tenants.Select(t => t.Id).ToListAsync(),
                Entitlements = await db.Entitlements.Select(e => e.TenantId).Distinct().ToListAsync(),
                Changes = await db.StatusChanges.Select(c => c.TenantId).Distinct().ToListAsync(),
                Notes = await db.OverallNotes.Select(n => n.TenantId).Distinct().ToListAsync(),
                Revisions = await db.OverallNoteRevisions.Select(n => n.TenantId).Distinct().ToListAsync(),
                Audit = await db.AuditEntries.Where(a => a.TenantId != null).Select(a => a.TenantId!.Value).Distinct().ToListAsync(),
            };
        });

        Assert.Equal([Ids.TenantA], seen.Tenants);
        Assert.Equal([Ids.TenantA], seen.Entitlements);
        Assert.Equal([Ids.TenantA], seen.Changes);
        Assert.Equal([Ids.TenantA], seen.Notes);
        Assert.All(seen.Revisions, id => Assert.Equal(Ids.TenantA, id));
        Assert.Equal([Ids.TenantA], seen.Audit);
    }

    [Fact]
    public async Task LimitedToEmea_ListSearchReportAndExportShowOnlyEmea()
    {
        await NoteEverywhereAsync();
        var emea = Regional(regions: ["EMEA"]);

        var listed = await AsAsync(emea, async sp => (await sp.GetRequiredService<ListTenants.Handler>()
            .HandleAsync(new ListTenants.Request(new TenantFilter()))).Value!.Rows.Items.Select(r => r.Region).ToList());
        var found = await AsAsync(emea, async sp => (await sp.GetRequiredService<SearchAll.Handler>()
            .HandleAsync(new SearchAll.Request("Firewall"))).Value!);
        Task<List<string>> ReportAsync(Caller caller, ReportFilter filter) => AsAsync(caller, async sp => (await sp.GetRequiredService<RunReport.Handler>()
            .HandleAsync(new RunReport.Request("status-matrix", filter))).Value!.Lines
            .Select(l => string.Join("/", l.Keys) + "=" + string.Join(",", l.Values)).ToList());
        var exported = await AsAsync(emea, async sp =>
        {
            var rows = new List<object?[]>();
            await foreach (var row in sp.GetRequiredService<ExportData.Handler>().Open(ExportData.Tenants).Value!.Rows)
            {
                rows.Add(row);
            }

            return rows;
        });

        Assert.Equal(["EMEA"], listed);
        Assert.Equal(2, found.Hits.Total);
        Assert.All(found.Hits.Items, h => Assert.Equal(Ids.TenantA, h.TenantId));
        // The report limited by scope is the programme's report filtered to EMEA, and not the unfiltered one.
        var filtered = await ReportAsync(Regional(), new ReportFilter(Regions: ["EMEA"]));
        Assert.NotEmpty(filtered);
        Assert.Equal(filtered, await ReportAsync(emea, new ReportFilter()));
        Assert.NotEqual(filtered, await ReportAsync(Regional(), new ReportFilter()));
        Assert.Equal(["EMEA"], exported.Select(r => (string)r[4]!));
    }

    [Fact]
    public async Task RegionsAndCountries_AddUp_AndPartnerScopeStillApplies()
    {
        var emeaOrJapan = Regional(regions: ["EMEA"], countries: ["JP"]);
        var partnerBInEmea = Regional(partner: Ids.PartnerB, regions: ["EMEA"]);
        var partnerAInEmea = Regional(partner: Ids.PartnerA, regions: ["EMEA"]);

        async Task<List<long>> TenantsAsync(Caller caller) =>
            await AsAsync(caller, sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync());

        Assert.Equal([Ids.TenantA, Ids.TenantCentre], await TenantsAsync(emeaOrJapan));
        Assert.Empty(await TenantsAsync(partnerBInEmea));
        Assert.Equal([Ids.TenantA], await TenantsAsync(partnerAInEmea));
        Assert.Equal(3, (await TenantsAsync(Regional())).Count);
        Assert.Equal([Ids.TenantA, Ids.TenantCentre], await TenantsAsync(Regional(regions: ["Japan", "EMEA"])));
        Assert.Equal([Ids.TenantB, Ids.TenantCentre], await TenantsAsync(Regional(countries: ["CN", "US", "JP"])));
        // A code is matched whole: part of one names no region or country.
        Assert.Empty(await TenantsAsync(Regional(regions: ["EME", "apan"], countries: ["D", "J"])));
    }

    [Fact]
    public async Task ScopeAndIdLists_GiveOneSqlText_WhateverTheirLength()
    {
        // EF Core generates a query's SQL once and reuses it only when the SQL does not depend on the parameters' values. A
        // list of codes or ids sent as one parameter per element would make new SQL for every length, on every query.
        static string Sql(IServiceProvider sp, List<long> ids) => string.Join("\n", sp.GetRequiredService<HeadwayDbContext>().Entitlements
            .Where(e => ids.Contains(e.TenantId)).ToQueryString().Split('\n').Where(line => !line.StartsWith(".param") && !line.StartsWith("--")));

        var one = await AsAsync(Regional(regions: ["EMEA"]), sp => Task.FromResult(Sql(sp, [Ids.TenantA])));
        var many = await AsAsync(Regional(regions: ["EMEA", "Japan"], countries: ["CN", "US"]), sp => Task.FromResult(Sql(sp, [Ids.TenantA, Ids.TenantB, Ids.TenantCentre])));

        Assert.Contains("TenantId", one);
        Assert.Equal(one, many);
    }

    [Fact]
    public async Task ForCallersWhoSeeTheWholeWorld_TheSqlNamesNoRegionOrCountry()
    {
        // A geography test kept in their SQL (even behind a parameter that makes it pass) made SQLite plan without the index
        // that answers a filtered list alone; EF Core leaves it out when the regions parameter is null.
        static string Sql(IServiceProvider sp)
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return db.Entitlements.Where(e => e.L1 == "InProgress" && e.Workload == "TEAMS").Select(e => e.Id).ToQueryString() + "\n"
                + db.StatusChanges.Where(c => c.Workload == "TEAMS").Select(c => c.Id).ToQueryString();
        }

        var worldwide = await AsAsync(new Caller(Seed.Manager, null, null, Role.Manager), sp => Task.FromResult(Sql(sp)));
        var regional = await AsAsync(Regional(regions: ["EMEA"]), sp => Task.FromResult(Sql(sp)));

        Assert.DoesNotContain("Region", worldwide);
        Assert.DoesNotContain("Country", worldwide);
        Assert.Contains("\"TenantRegion\"", regional);
        Assert.Contains("\"TenantCountry\"", regional);
        Assert.Contains("\"Tenants\"", regional);
    }

    private static readonly Func<HeadwayDbContext, IAsyncEnumerable<long>> CompiledTenantIds =
        EF.CompileAsyncQuery((HeadwayDbContext db) => db.Tenants.OrderBy(t => t.Id).Select(t => t.Id));

    [Fact]
    public async Task ACompiledQuery_FollowsEachCallersScope_InTurn()
    {
        // A compiled query keeps one SQL text per null-or-not regions parameter: run for the world, a region, the world again.
        async Task<List<long>> TenantsAsync(Caller caller) => await AsAsync(caller, async sp =>
        {
            var ids = new List<long>();
            await foreach (var id in CompiledTenantIds(sp.GetRequiredService<HeadwayDbContext>()))
            {
                ids.Add(id);
            }

            return ids;
        });

        Assert.Equal(3, (await TenantsAsync(Regional())).Count);
        Assert.Equal([Ids.TenantA], await TenantsAsync(Regional(regions: ["EMEA"])));
        Assert.Equal(3, (await TenantsAsync(Regional())).Count);
        Assert.Equal([Ids.TenantB, Ids.TenantCentre], await TenantsAsync(Regional(countries: ["CN", "US", "JP"])));
    }

    [Fact]
    public async Task OutsideTheRegion_AWriteFindsNoTenant_AndChangesNothing()
    {
        var japanOnly = new Caller(Seed.Manager, null, null, Role.Manager) { Regions = ["Japan"] };

        var refused = await AsAsync(japanOnly, sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
            new ChangeStatus.Request(Ids.TenantA, "EXO", 1, new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration, wave 1 of 2.", TargetDate: new DateOnly(2026, 9, 1)))));
        var accepted = await AsAsync(japanOnly, sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
            new ChangeStatus.Request(Ids.TenantCentre, "EXO", 1, new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration, wave 1 of 2.", TargetDate: new DateOnly(2026, 9, 1)))));

        Assert.False(refused.Succeeded);
        Assert.Equal(RefusalCodes.TenantNotFound, refused.Refusal!.Code);
        Assert.True(accepted.Succeeded, accepted.Refusal?.Code);
        var l1 = await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements
            .Where(e => e.TenantId == Ids.TenantA && e.Workload == "EXO").Select(e => e.L1).SingleAsync(), Caller.System);
        Assert.NotEqual("InProgress", l1);
    }

    [Fact]
    public async Task AnAdministratorLimitedToEmea_GivesNoMoreThanEmea_AndCannotImport()
    {
        var added = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(
            "rm.limited@example", "RegionalManager", null, "a long enough pass phrase 42"), Caller.System);
        var emeaAdmin = new Caller("admin.emea@example", null, null, Role.Admin) { Regions = ["EMEA"] };

        var wider = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value!.Id, new ManageUsers.Change(Regions: ["EMEA", "Japan"])), emeaAdmin);
        var countryElsewhere = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value!.Id, new ManageUsers.Change(Countries: ["JP"])), emeaAdmin);
        var cleared = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value!.Id, new ManageUsers.Change(Regions: [], Countries: [])), emeaAdmin);
        var inside = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value!.Id, new ManageUsers.Change(Countries: ["DE"])), emeaAdmin);
        var renamed = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value!.Id, new ManageUsers.Change(DisplayName: "Regional, EMEA")), emeaAdmin);

        Assert.Equal((RefusalCodes.GeographyBeyondYours, "Japan"), (wider.Refusal!.Code, wider.Refusal.Args[0]));
        Assert.Equal((RefusalCodes.GeographyBeyondYours, "JP"), (countryElsewhere.Refusal!.Code, countryElsewhere.Refusal.Args[0]));
        Assert.Equal(["EMEA"], cleared.Value!.Regions);
        Assert.Equal(["DE"], inside.Value!.Countries);
        Assert.True(renamed.Succeeded, renamed.Refusal?.Code);
        Assert.False(Permissions.Allows(emeaAdmin, Permission.Import));
        Assert.True(Permissions.Allows(emeaAdmin with { Regions = [] }, Permission.Import));
    }

    [Fact]
    public async Task ManageUsers_StoresKnownCodesInTheirSpelling_RefusesUnknownOnes_AndTheUserActsWithinThem()
    {
        var added = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(
            "rm.emea@example", "RegionalManager", null, "a long enough pass phrase 42"), Caller.System);
        Assert.True(added.Succeeded, added.Refusal?.Code);
        var limited = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value!.Id, new ManageUsers.Change(Regions: ["emea", "EMEA"], Countries: ["jp"])), Caller.System);
        var unknownRegion = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value.Id, new ManageUsers.Change(Regions: ["Atlantis"])), Caller.System);
        var unknownCountry = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value.Id, new ManageUsers.Change(Countries: ["XX"])), Caller.System);

        Assert.True(limited.Succeeded, limited.Refusal?.Code);
        Assert.Equal(["EMEA"], limited.Value!.Regions);
        Assert.Equal(["JP"], limited.Value.Countries);
        Assert.Equal((RefusalCodes.UnknownRegion, "regions"), (unknownRegion.Refusal!.Code, unknownRegion.Refusal.Field));
        Assert.Equal((RefusalCodes.UnknownCountry, "countries"), (unknownCountry.Refusal!.Code, unknownCountry.Refusal.Field));

        var stored = await Database.RunAsync(sp => sp.GetRequiredService<UserManager<HeadwayUser>>().FindByEmailAsync("rm.emea@example"), Caller.System);
        var asStored = Caller.Of(stored!);
        Assert.Equal([Ids.TenantA, Ids.TenantCentre], await AsAsync(asStored, sp => sp.GetRequiredService<HeadwayDbContext>().Tenants
            .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync()));

        var cleared = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(
            added.Value.Id, new ManageUsers.Change(Regions: [], Countries: [])), Caller.System);
        Assert.True(cleared.Succeeded, cleared.Refusal?.Code);
        Assert.Empty(cleared.Value!.Regions);
        Assert.Empty(cleared.Value.Countries);
    }
}
