using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Notifications;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>
/// Registering a tenant, adding entitlements and correcting a tenant's details without a file: the import's rules, all or
/// nothing, within the caller's partner and geography, with history.
/// </summary>
public class RegisterTenantTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static Caller Gateway(long? partner = null) => new("gateway@example", partner, null, Role.Gateway);

    private static RegisterTenant.Request NewTenant(string name = "Fabrikam Logistics AG", string country = "CH", long? partner = null,
        string? manager = Seed.Manager, params string[] workloads) =>
        new(new TenantDetails(name, "Fabrikam", country, "Logistics", 2400, true, Priority.High, false), partner, manager,
            workloads.Length == 0 ? ["EXO", "TEAMS"] : workloads);

    private Task<Result<Tenant>> RegisterAsync(Caller caller, RegisterTenant.Request request) =>
        Database.RunAsync(sp => sp.GetRequiredService<RegisterTenant.Handler>().HandleAsync(request), caller, June);

    private Task<Result<Tenant>> EditAsync(Caller caller, long tenant, TenantDetails changes) =>
        Database.RunAsync(sp => sp.GetRequiredService<EditTenant.Handler>().HandleAsync(new EditTenant.Request(tenant, changes)), caller, June);

    private Task<(int Tenants, int Entitlements, int Changes, int Notifications)> CountsAsync() =>
        Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return (await db.Tenants.CountAsync(), await db.Entitlements.CountAsync(), await db.StatusChanges.CountAsync(), await db.Notifications.CountAsync());
        });

    [Fact]
    public async Task Register_ByTheGatewayManager_CreatesTheTenantItsNewEntitlementsTheirHistory_AndTellsTheManager()
    {
        var result = await RegisterAsync(Gateway(), NewTenant());

        Assert.True(result.Succeeded, result.Refusal?.Code);
        var stored = await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var id = result.Value!.Id;
            return new
            {
                Tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == id),
                Entitlements = await db.Entitlements.AsNoTracking().Where(e => e.TenantId == id).OrderBy(e => e.Workload).ToListAsync(),
                Changes = await db.StatusChanges.AsNoTracking().Where(c => c.TenantId == id).ToListAsync(),
                Notices = await db.Notifications.AsNoTracking().Where(n => n.TenantId == id).ToListAsync(),
                Audit = await db.AuditEntries.AsNoTracking().Where(a => a.TenantId == id && a.Entity == "Tenant").ToListAsync(),
            };
        });
        Assert.Equal(("Fabrikam Logistics AG", "Fabrikam", "CH", "EMEA", "Logistics", 2400, true, Priority.High, (long?)null, Seed.Manager),
            (stored.Tenant.Name, stored.Tenant.BrandName, stored.Tenant.Country, stored.Tenant.Region, stored.Tenant.Industry, stored.Tenant.Seats,
                stored.Tenant.IsManaged, stored.Tenant.Priority, stored.Tenant.PartnerId, stored.Tenant.ManagerName));
        Assert.Equal(["EXO", "TEAMS"], stored.Entitlements.Select(e => e.Workload));
        Assert.All(stored.Entitlements, e =>
        {
            Assert.Equal((TaxonomyCodes.StatusUnknown, TaxonomyCodes.NewSubscriptionOrWorkload), (e.L1, e.L2));
            Assert.Equal(("CH", "EMEA", 2400, Priority.High, Seed.Manager), (e.TenantCountry, e.TenantRegion, e.TenantSeats, e.TenantPriority, e.TenantManager));
            Assert.Equal("gateway@example", e.LastChangedBy);
        });
        Assert.Equal(2, stored.Changes.Count(c => c.Kind == ChangeKind.Created && c.ChangedBy == "gateway@example"));
        Assert.All(stored.Changes, c => Assert.Contains(stored.Entitlements, e => e.Id == c.EntitlementId));
        Assert.Equal(NotificationKind.TenantReassigned, Assert.Single(stored.Notices).Kind);
        Assert.Equal(("Added", "gateway@example"), (Assert.Single(stored.Audit).Action, stored.Audit[0].Actor));
    }

    [Fact]
    public async Task Register_ANameThePartnerHasInAnotherCase_IsRefusedAndWritesNothing_WhileAnotherPartnerMayUseIt()
    {
        var before = await CountsAsync();

        var same = await RegisterAsync(Gateway(), NewTenant("CONTOSO PHARMA GMBH", "DE", Ids.PartnerA, manager: null));
        var elsewhere = await RegisterAsync(Gateway(), NewTenant("Contoso Pharma GmbH", "DE", Ids.PartnerB, manager: null));

        Assert.Equal(RefusalCodes.TenantExists, same.Refusal?.Code);
        Assert.Equal("name", same.Refusal!.Field);
        Assert.Contains(Ids.TenantA.ToString(System.Globalization.CultureInfo.InvariantCulture), same.Refusal.Message("en"));
        Assert.True(elsewhere.Succeeded, elsewhere.Refusal?.Code);
        Assert.Equal(before.Tenants + 1, (await CountsAsync()).Tenants);
    }

    public static TheoryData<string, string?, string?, string[], string, string> Invalid => new()
    {
        { "", "CH", Seed.Manager, ["EXO"], RefusalCodes.ValueRequired, "name" },
        { new string('x', 201), "CH", Seed.Manager, ["EXO"], RefusalCodes.FieldTooLong, "name" },
        { "Fabrikam", "", Seed.Manager, ["EXO"], RefusalCodes.ValueRequired, "country" },
        { "Fabrikam", "XX", Seed.Manager, ["EXO"], RefusalCodes.UnknownCountry, "country" },
        { "Fabrikam", "CH", "nobody@example", ["EXO"], RefusalCodes.NotAManager, "manager" },
        { "Fabrikam", "CH", Seed.Manager, ["EXO", "NOPE"], RefusalCodes.UnknownWorkload, "workload" },
        { "Fabrikam", "CH", Seed.Manager, ["EXO", "exo"], RefusalCodes.EntitlementExists, "workload" },
        { "Fabrikam", "CH", Seed.Manager, ["CORE"], RefusalCodes.WorkloadNotEntitlement, "workload" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Register_InvalidInput_IsRefusedByField_AndWritesNothing(string name, string? country, string? manager, string[] workloads, string code, string field)
    {
        var before = await CountsAsync();

        var result = await RegisterAsync(Gateway(), NewTenant(name, country ?? "", null, manager, workloads));

        Assert.Equal((code, field), (result.Refusal?.Code, result.Refusal?.Field));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Register_TheManagerMustBeOfTheTenantsPartner()
    {
        // The seeded manager belongs to the programme centre, so a partner's tenant cannot be given to them.
        var result = await RegisterAsync(Gateway(), NewTenant(partner: Ids.PartnerA));

        Assert.Equal(RefusalCodes.NotAManager, result.Refusal?.Code);
    }

    [Fact]
    public async Task Register_APartnersStaff_RegisterForTheirOwnPartnerOnly()
    {
        var own = await RegisterAsync(Gateway(Ids.PartnerA), NewTenant(manager: null));
        var other = await RegisterAsync(Gateway(Ids.PartnerA), NewTenant("Other AG", partner: Ids.PartnerB, manager: null));

        Assert.True(own.Succeeded, own.Refusal?.Code);
        Assert.Equal(Ids.PartnerA, own.Value!.PartnerId);
        Assert.Equal((RefusalCodes.UnknownPartner, "partnerId"), (other.Refusal?.Code, other.Refusal?.Field));
    }

    [Fact]
    public async Task Register_ARegionLimitedCaller_RegistersOnlyWithinTheirGeography()
    {
        var emea = Gateway() with { Regions = ["EMEA"] };

        var inside = await RegisterAsync(emea, NewTenant(manager: null));
        var outside = await RegisterAsync(emea, NewTenant("Tokyo KK", "JP", manager: null));
        var moved = await EditAsync(emea, inside.Value!.Id, new TenantDetails(Country: "JP"));

        Assert.True(inside.Succeeded, inside.Refusal?.Code);
        Assert.Equal(RefusalCodes.CountryBeyondYours, outside.Refusal?.Code);
        Assert.Equal(RefusalCodes.CountryBeyondYours, moved.Refusal?.Code);
    }

    [Theory]
    [InlineData(Role.Gateway, null)]
    [InlineData(Role.Admin, null)]
    [InlineData(Role.Manager, RefusalCodes.Forbidden)]
    [InlineData(Role.Engineer, RefusalCodes.Forbidden)]
    [InlineData(Role.RegionalManager, RefusalCodes.Forbidden)]
    [InlineData(Role.ProductAnalyst, RefusalCodes.Forbidden)]
    public async Task RegisterAndEdit_GatewayManagersAndAdministratorsOnly(Role role, string? code)
    {
        var caller = new Caller("someone@example", null, null, role);

        var registered = await RegisterAsync(caller, NewTenant(manager: null));
        var edited = await EditAsync(caller, Ids.TenantA, new TenantDetails(Seats: 1300));
        var choices = await Database.RunAsync(sp => sp.GetRequiredService<RegisterTenant.Handler>().ChoicesAsync(), caller, June);

        Assert.Equal(code, registered.Refusal?.Code);
        Assert.Equal(code, edited.Refusal?.Code);
        Assert.Equal(code, choices.Refusal?.Code);
    }

    [Fact]
    public async Task Choices_APartnersStaff_SeeTheirPartnerAndItsManagersOnly()
    {
        await Database.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<HeadwayUser>>();
            Assert.True((await users.CreateAsync(new HeadwayUser { UserName = "fm-a@example", Email = "fm-a@example", Role = Role.Manager, PartnerId = Ids.PartnerA })).Succeeded);
            Assert.True((await users.CreateAsync(new HeadwayUser { UserName = "fm-b@example", Email = "fm-b@example", Role = Role.Manager, PartnerId = Ids.PartnerB })).Succeeded);
            return 0;
        });

        var partnerA = await Database.RunAsync(sp => sp.GetRequiredService<RegisterTenant.Handler>().ChoicesAsync(), Gateway(Ids.PartnerA), June);
        var centre = await Database.RunAsync(sp => sp.GetRequiredService<RegisterTenant.Handler>().ChoicesAsync(), Gateway(), June);

        Assert.Equal(["Partner A"], partnerA.Value!.Partners.Select(p => p.Name));
        Assert.Equal(["fm-a@example"], partnerA.Value.Managers.Select(m => m.Email));
        Assert.Equal(["Partner A", "Partner B"], centre.Value!.Partners.Select(p => p.Name));
        Assert.Equal(["fm-a@example", "fm-b@example", Seed.Manager], centre.Value.Managers.Select(m => m.Email).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Edit_ChangesOnlyTheGivenFields_MovesTheEntitlementsCopies_AndIsInTheTenantsHistory()
    {
        var result = await EditAsync(Gateway(), Ids.TenantA, new TenantDetails(Country: "at", Seats: 1500, BrandName: "", Priority: Priority.High));

        Assert.True(result.Succeeded, result.Refusal?.Code);
        var stored = await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == Ids.TenantA),
                await db.Entitlements.AsNoTracking().Where(e => e.TenantId == Ids.TenantA).ToListAsync());
        });
        Assert.Equal(("Contoso Pharma GmbH", null, "AT", "EMEA", 1500, Priority.High),
            (stored.Item1.Name, stored.Item1.BrandName, stored.Item1.Country, stored.Item1.Region, stored.Item1.Seats, stored.Item1.Priority));
        Assert.All(stored.Item2, e => Assert.Equal(("AT", 1500, Priority.High), (e.TenantCountry, e.TenantSeats, e.TenantPriority)));

        var history = await Database.RunAsync(sp => sp.GetRequiredService<GetDetailChanges.Handler>().HandleAsync(new GetDetailChanges.Request(Ids.TenantA)),
            Seed.AsManager(), June);
        // The seed registered the tenant (as the system, at the real time); the correction is the one modification.
        Assert.Contains(history.Value!.Page.Items, a => a.Action == "Added");
        var newest = Assert.Single(history.Value.Page.Items, a => a.Action == "Modified");
        Assert.Equal("gateway@example", newest.Actor);
        Assert.Contains(newest.Changes, c => c is { Field: "Country", Before: "DE", After: "AT" });
        Assert.Contains(newest.Changes, c => c is { Field: "Seats", Before: "1200", After: "1500" });
        Assert.DoesNotContain(newest.Changes, c => c.Field == "Name");
    }

    [Fact]
    public async Task Edit_NothingGiven_AnotherPartnersTenant_OrBadValues_AreRefusedAndChangeNothing()
    {
        var nothing = await EditAsync(Gateway(), Ids.TenantA, new TenantDetails());
        var otherPartner = await EditAsync(Gateway(Ids.PartnerB), Ids.TenantA, new TenantDetails(Seats: 1));
        var negative = await EditAsync(Gateway(), Ids.TenantA, new TenantDetails(Seats: -1));
        var blank = await EditAsync(Gateway(), Ids.TenantA, new TenantDetails(Name: "  "));

        var taken = await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            db.Tenants.Add(new Tenant { Name = "Contoso Retail", Country = "DE", Region = "EMEA", PartnerId = Ids.PartnerA });
            await db.SaveChangesAsync();
            return 0;
        });
        var renamedOnto = await EditAsync(Gateway(), Ids.TenantA, new TenantDetails(Name: "contoso retail"));
        var recased = await EditAsync(Gateway(), Ids.TenantB, new TenantDetails(Name: "东方物流有限公司 "));

        Assert.Equal((RefusalCodes.TenantExists, "name"), (renamedOnto.Refusal?.Code, renamedOnto.Refusal?.Field));
        Assert.True(recased.Succeeded, recased.Refusal?.Code);
        Assert.Equal(RefusalCodes.NothingToChange, nothing.Refusal?.Code);
        Assert.Equal(RefusalCodes.TenantNotFound, otherPartner.Refusal?.Code);
        Assert.Equal((RefusalCodes.InvalidNumber, "seats"), (negative.Refusal?.Code, negative.Refusal?.Field));
        Assert.Equal((RefusalCodes.ValueRequired, "name"), (blank.Refusal?.Code, blank.Refusal?.Field));
        var tenant = await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == Ids.TenantA));
        Assert.Equal(("Contoso Pharma GmbH", 1200), (tenant.Name, tenant.Seats));
    }

    [Fact]
    public async Task AddEntitlements_SeveralAtOnce_AllOrNone()
    {
        var before = await CountsAsync();

        var refused = await Database.RunAsync(sp => sp.GetRequiredService<AddEntitlement.Handler>()
            .HandleAsync(new AddEntitlement.Request(Ids.TenantA, ["INTUNE", "EXO"])), Gateway(), June);
        var none = await Database.RunAsync(sp => sp.GetRequiredService<AddEntitlement.Handler>()
            .HandleAsync(new AddEntitlement.Request(Ids.TenantA, [])), Gateway(), June);

        Assert.Equal(RefusalCodes.EntitlementExists, refused.Refusal?.Code);
        Assert.Equal(RefusalCodes.NoWorkloadSelected, none.Refusal?.Code);
        Assert.Equal(before, await CountsAsync());

        var added = await Database.RunAsync(sp => sp.GetRequiredService<AddEntitlement.Handler>()
            .HandleAsync(new AddEntitlement.Request(Ids.TenantA, ["INTUNE", "WDATP"])), Gateway(), June);

        Assert.Equal(["INTUNE", "WDATP"], added.Value!.Select(e => e.Workload));
        Assert.Equal((before.Entitlements + 2, before.Changes + 2), ((await CountsAsync()).Entitlements, (await CountsAsync()).Changes));
    }
}
