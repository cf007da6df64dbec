using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Taxonomy;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>
/// The workload catalogue is data: seeded from the shipped file, extended, renamed and retired by the programme centre's
/// administrators, and read by every rule from the database.
/// </summary>
public class WorkloadCatalogueTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Caller Admin = new("admin@example", null, null, Role.Admin);

    private static readonly Caller Gateway = new("gateway@example", null, null, Role.Gateway);

    private Task<T> AsAsync<T>(Caller caller, Func<IServiceProvider, Task<T>> work) => Database.RunAsync(work, caller, June);

    [Fact]
    public async Task ANewDatabase_HoldsTheShippedCatalogue_InItsOrder()
    {
        var stored = await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().ListAsync());
        var catalogue = await AsAsync(Admin, sp => Task.FromResult(sp.GetRequiredService<WorkloadCatalogue>()));

        Assert.Equal(WorkloadCatalogue.Default.All.Select(w => w.Code), stored.Select(w => w.Code));
        Assert.All(stored, w => Assert.Null(w.Name));
        Assert.Equal(WorkloadCatalogue.Default.All.Select(w => (w.Code, w.Name.Get("ja"))), catalogue.All.Select(w => (w.Code, w.Name.Get("ja"))));
    }

    [Fact]
    public async Task AnAddedWorkload_IsRegisteredFilteredAndNamed_WithNoRelease()
    {
        var added = await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().AddAsync("purview", "Microsoft Purview"));
        Assert.True(added.Succeeded, added.Refusal?.Code);
        Assert.Equal("PURVIEW", added.Value!.Code);

        var entitled = await AsAsync(Gateway, sp => sp.GetRequiredService<AddEntitlement.Handler>().HandleAsync(new AddEntitlement.Request(Ids.TenantA, ["Purview"])));
        var registered = await AsAsync(Gateway, sp => sp.GetRequiredService<RegisterTenant.Handler>().HandleAsync(new RegisterTenant.Request(
            new TenantDetails("Purview Pilot AG", Country: "CH"), null, null, ["PURVIEW", "EXO"])));
        var listed = await AsAsync(Seed.AsManager(), sp => sp.GetRequiredService<ListTenants.Handler>().HandleAsync(
            new ListTenants.Request(new TenantFilter { Workloads = ["PURVIEW"] })));
        var tenant = await AsAsync(Seed.AsManager(), sp => sp.GetRequiredService<GetTenant.Handler>().HandleAsync(new GetTenant.Request(Ids.TenantA)));
        var named = await AsAsync(Admin, sp => Task.FromResult(sp.GetRequiredService<WorkloadCatalogue>().Find("purview")!.Name.Get("de")));

        Assert.Equal("PURVIEW", Assert.Single(entitled.Value!).Workload);
        Assert.True(registered.Succeeded, registered.Refusal?.Code);
        Assert.Equal([Ids.TenantA, registered.Value!.Id], listed.Value!.Rows.Items.Select(r => r.Id).Order());
        Assert.Equal("PURVIEW", tenant.Value!.Entitlements[^1].Workload);
        Assert.Equal("Microsoft Purview", named);
    }

    [Fact]
    public async Task ARetiredWorkload_StaysOnItsEntitlements_ButIsRegisteredNoMore_AndARenameShowsInEveryLanguage()
    {
        var retired = await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().ChangeAsync("teams", "Microsoft Teams (classic)", true));
        Assert.True(retired.Succeeded, retired.Refusal?.Code);

        var added = await AsAsync(Gateway, sp => sp.GetRequiredService<AddEntitlement.Handler>().HandleAsync(new AddEntitlement.Request(Ids.TenantA, ["INTUNE", "TEAMS"])));
        var kept = await AsAsync(Seed.AsManager(), sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements.CountAsync(e => e.Workload == "TEAMS"));
        var catalogue = await AsAsync(Admin, sp => Task.FromResult(sp.GetRequiredService<WorkloadCatalogue>()));
        var restored = await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().ChangeAsync("TEAMS", null, false));

        Assert.Equal((RefusalCodes.WorkloadRetired, "workload"), (added.Refusal?.Code, added.Refusal?.Field));
        Assert.Equal(3, kept);
        Assert.True(catalogue.Find("TEAMS")!.IsRetired);
        Assert.DoesNotContain(catalogue.Offered, w => w.Code == "TEAMS");
        Assert.Contains(catalogue.Entitlements, w => w.Code == "TEAMS");
        Assert.Equal("Microsoft Teams (classic)", catalogue.Find("TEAMS")!.Name.Get("zh-Hans"));
        Assert.Null(restored.Value!.RetiredAt);
    }

    [Fact]
    public async Task Changes_AreTheCentresAdministrators_AndBadInputNamesTheField()
    {
        var partnerAdmin = new Caller("admin@partner-a.example", Ids.PartnerA, null, Role.Admin);

        Assert.Equal(RefusalCodes.Forbidden, (await AsAsync(partnerAdmin, sp => sp.GetRequiredService<ManageWorkloads>().AddAsync("PURVIEW", "Purview"))).Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, (await AsAsync(Gateway, sp => sp.GetRequiredService<ManageWorkloads>().ChangeAsync("EXO", "x", null))).Refusal?.Code);
        Assert.Equal((RefusalCodes.InvalidWorkloadCode, "code"), Of(await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().AddAsync("no spaces", "x"))));
        Assert.Equal((RefusalCodes.WorkloadExists, "code"), Of(await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().AddAsync("exo", "Exchange again"))));
        Assert.Equal((RefusalCodes.ValueRequired, "name"), Of(await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().AddAsync("PURVIEW", ""))));
        Assert.Equal((RefusalCodes.WorkloadNotFound, null), Of(await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().ChangeAsync("NOPE", "x", null))));
        Assert.Equal((RefusalCodes.WorkloadNotEntitlement, "retired"), Of(await AsAsync(Admin, sp => sp.GetRequiredService<ManageWorkloads>().ChangeAsync("CORE", null, true))));
    }

    private static (string? Code, string? Field) Of<T>(Result<T> result)
        where T : notnull => (result.Refusal?.Code, result.Refusal?.Field);
}
