using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Notifications;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>
/// The account team: engineers, architects and gateway managers assigned to tenants by an administrator like the onboarding
/// manager, and the engineers and architects who, as subject-matter experts, keep the status notes of some workloads on
/// their team's tenants.
/// </summary>
public class AccountTeamTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private const string Engineer = "eng@partner-a.example";

    private const string OtherEngineer = "eng@partner-b.example";

    private static readonly Caller CentreAdmin = new("admin@example", null, null, Role.Admin);

    private Caller PartnerAdmin => new("admin@partner-a.example", Ids.PartnerA, null, Role.Admin);

    private Caller EngineerCaller(params string[] workloads) => new(Engineer, Ids.PartnerA, null, Role.Engineer) { StatusWorkloads = workloads };

    private async Task<string> UserAsync(string email, Role role, long? partner, params string[] workloads) =>
        await Database.RunAsync(async sp =>
        {
            var user = new HeadwayUser { UserName = email, Email = email, Role = role, PartnerId = partner, StatusWorkloads = [.. workloads] };
            // With a password: an invited user (none yet) keeps their stamp, which their invitation link is bound to.
            Assert.True((await sp.GetRequiredService<UserManager<HeadwayUser>>().CreateAsync(user, "Harbour-Lantern-Meadow-7")).Succeeded);
            return user.Id;
        });

    private Task<Result<IReadOnlyList<Domain.Tenants.Tenant>>> TeamAsync(Caller caller, string member, bool remove, params long[] tenants) =>
        Database.RunAsync(sp => sp.GetRequiredService<ChangeAccountTeam.Handler>().HandleAsync(new ChangeAccountTeam.Request(tenants, member, remove)), caller, June);

    private Task<Result<Entitlement>> ChangeAsync(Caller caller, long tenant, string workload) =>
        Database.RunAsync(async sp =>
        {
            var version = (await sp.GetRequiredService<HeadwayDbContext>().Entitlements.AsNoTracking()
                .SingleAsync(e => e.TenantId == tenant && e.Workload == workload)).Version;
            return await sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(tenant, workload, version,
                new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Mail flow cut over for 300 of 1,200 mailboxes; the rest by July.",
                    TargetDate: new DateOnly(2026, 7, 31), EngagementStartDate: new DateOnly(2026, 6, 1))));
        }, caller, June);

    [Fact]
    public async Task AnAdministrator_PutsAnEngineerOnTheTeam_WhoIsNotified_SeesTheTenantAsTheirs_AndTheTrailSaysWhoDidIt()
    {
        await UserAsync(Engineer, Role.Engineer, Ids.PartnerA);

        var added = await TeamAsync(PartnerAdmin, Engineer.ToUpperInvariant(), false, Ids.TenantA);
        var again = await TeamAsync(PartnerAdmin, Engineer, false, Ids.TenantA);

        Assert.True(added.Succeeded, added.Refusal?.Code);
        Assert.True(again.Succeeded, again.Refusal?.Code);
        var stored = await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return new
            {
                Team = (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == Ids.TenantA)).AccountTeam,
                Notices = await db.Notifications.AsNoTracking().Where(n => n.TenantId == Ids.TenantA).ToListAsync(),
                Audit = await db.AuditEntries.AsNoTracking().Where(a => a.TenantId == Ids.TenantA && a.Entity == "Tenant" && a.Action == "Modified").ToListAsync(),
            };
        });
        Assert.Equal([Engineer], stored.Team);
        Assert.Equal(NotificationKind.TenantReassigned, Assert.Single(stored.Notices).Kind);
        var entry = Assert.Single(stored.Audit);
        Assert.Equal("admin@partner-a.example", entry.Actor);
        Assert.Contains(entry.Changes, c => c.Field == "AccountTeam");

        var mine = await Database.RunAsync(sp => sp.GetRequiredService<ListTenants.Handler>().HandleAsync(
            new ListTenants.Request(new TenantFilter { Mine = true })), EngineerCaller(), June);
        var tenant = await Database.RunAsync(sp => sp.GetRequiredService<GetTenant.Handler>().HandleAsync(new GetTenant.Request(Ids.TenantA)), EngineerCaller(), June);
        Assert.Equal([Ids.TenantA], mine.Value!.Rows.Items.Select(r => r.Id));
        Assert.Equal((Engineer, (Role?)Role.Engineer), (Assert.Single(tenant.Value!.Team).Email, tenant.Value.Team[0].Role));
    }

    [Fact]
    public async Task TheTeam_TakesOnlyEnabledEngineersArchitectsAndGatewayManagersOfTheTenantsPartner_AllOrNone()
    {
        await UserAsync(Engineer, Role.Engineer, Ids.PartnerA);
        await UserAsync(OtherEngineer, Role.Engineer, Ids.PartnerB);

        var aManager = await TeamAsync(CentreAdmin, Seed.Manager, false, Ids.TenantA);
        var nobody = await TeamAsync(CentreAdmin, "nobody@example", false, Ids.TenantA);
        var otherPartner = await TeamAsync(CentreAdmin, OtherEngineer, false, Ids.TenantB, Ids.TenantA);
        var centreTenant = await TeamAsync(PartnerAdmin, Engineer, false, Ids.TenantCentre);
        var notAdmin = await TeamAsync(Seed.AsManager(), Engineer, false, Ids.TenantA);
        var none = await TeamAsync(CentreAdmin, Engineer, false);

        Assert.Equal((RefusalCodes.NotATeamMember, "member"), (aManager.Refusal!.Code, aManager.Refusal.Field));
        Assert.Equal(RefusalCodes.NotATeamMember, nobody.Refusal!.Code);
        Assert.Equal(RefusalCodes.TeamMemberOfAnotherPartner, otherPartner.Refusal!.Code);
        Assert.Equal(RefusalCodes.TenantNotFound, centreTenant.Refusal!.Code);
        Assert.Equal(RefusalCodes.Forbidden, notAdmin.Refusal!.Code);
        Assert.Equal(RefusalCodes.NoTenantsChosen, none.Refusal!.Code);
        var teams = await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.AsNoTracking().Select(t => t.AccountTeam.Count).ToListAsync(), CentreAdmin);
        Assert.All(teams, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task AStatusNoteWriter_ChangesTheirWorkloadsOnTheirTeamsTenants_AndNothingElse()
    {
        await UserAsync(Engineer, Role.Engineer, Ids.PartnerA, "EXO");
        var before = await ChangeAsync(EngineerCaller("EXO"), Ids.TenantA, "EXO");
        Assert.True((await TeamAsync(CentreAdmin, Engineer, false, Ids.TenantA)).Succeeded);

        var own = await ChangeAsync(EngineerCaller("EXO"), Ids.TenantA, "EXO");
        var otherWorkload = await ChangeAsync(EngineerCaller("EXO"), Ids.TenantA, "SPO");
        var noGrant = await ChangeAsync(EngineerCaller(), Ids.TenantA, "TEAMS");
        var bulk = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.BulkRequest(Ids.TenantA,
            [new ChangeStatus.Target("EXO", 2), new ChangeStatus.Target("SPO", 1)],
            new EntitlementPatch(new EntitlementUpdate("", null, NextActionDate: new DateOnly(2026, 6, 20)), new HashSet<EntitlementField> { EntitlementField.NextActionDate }))),
            EngineerCaller("EXO"), June);

        Assert.Equal(RefusalCodes.NotAssigned, before.Refusal!.Code);
        Assert.True(own.Succeeded, own.Refusal?.Code);
        Assert.Equal(Engineer, own.Value!.LastChangedBy);
        Assert.Equal(RefusalCodes.Forbidden, otherWorkload.Refusal!.Code);
        Assert.Equal(RefusalCodes.Forbidden, noGrant.Refusal!.Code);
        Assert.Equal(RefusalCodes.Forbidden, bulk.Refusal!.Code);

        Assert.True((await TeamAsync(CentreAdmin, Engineer, true, Ids.TenantA)).Succeeded);
        var removed = await ChangeAsync(EngineerCaller("EXO"), Ids.TenantA, "EXO");
        Assert.Equal(RefusalCodes.NotAssigned, removed.Refusal!.Code);
    }

    [Fact]
    public async Task OnlyEngineersAndArchitects_WriteStatusNotesForWorkloads_NamedAsTheCatalogueSpellsThem()
    {
        var engineer = await UserAsync(Engineer, Role.Engineer, Ids.PartnerA);
        var manager = await UserAsync("fm2@partner-a.example", Role.Manager, Ids.PartnerA);
        Task<Result<ManageUsers.UserRow>> UpdateAsync(string id, ManageUsers.Change change) =>
            Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(id, change), CentreAdmin, June);

        var granted = await UpdateAsync(engineer, new ManageUsers.Change(StatusWorkloads: ["exo", "TEAMS", "EXO"]));
        var unknown = await UpdateAsync(engineer, new ManageUsers.Change(StatusWorkloads: ["NOPE"]));
        var toManager = await UpdateAsync(manager, new ManageUsers.Change(StatusWorkloads: ["EXO"]));
        var promoted = await UpdateAsync(engineer, new ManageUsers.Change(Role: "Manager"));

        Assert.Equal(["EXO", "TEAMS"], granted.Value!.StatusWorkloads);
        Assert.Equal((RefusalCodes.UnknownWorkload, "statusWorkloads"), (unknown.Refusal!.Code, unknown.Refusal.Field));
        Assert.Equal(RefusalCodes.StatusWritersAreExperts, toManager.Refusal!.Code);
        Assert.True(promoted.Succeeded, promoted.Refusal?.Code);
        Assert.Empty(promoted.Value!.StatusWorkloads);
    }

    [Fact]
    public async Task AnSmeTeam_GivesItsMembersItsWorkloads_OnlyEngineersAndArchitectsOfItsPartnerJoin_AndEachPartnerSeesItsOwn()
    {
        await UserAsync(Engineer, Role.Engineer, Ids.PartnerA);
        await UserAsync(OtherEngineer, Role.Engineer, Ids.PartnerB);
        await UserAsync("fm@partner-a.example", Role.Manager, Ids.PartnerA);
        var stampBefore = await StampAsync(Engineer);
        Task<Result<ManageSmeTeams.Row>> AddAsync(Caller caller, ManageSmeTeams.Input input) =>
            Database.RunAsync(sp => sp.GetRequiredService<ManageSmeTeams>().AddAsync(input), caller, June);

        var added = await AddAsync(PartnerAdmin, new("Messaging SMEs", ["exo", "TEAMS"], [Engineer.ToUpperInvariant()]));
        var sameName = await AddAsync(PartnerAdmin, new("messaging smes", [], []));
        var aManager = await AddAsync(PartnerAdmin, new("Mixed", ["EXO"], ["fm@partner-a.example"]));
        var otherPartners = await AddAsync(PartnerAdmin, new("Borrowed", ["EXO"], [OtherEngineer]));
        var unknown = await AddAsync(PartnerAdmin, new("Unknown", ["NOPE"], []));
        var otherPartnersTeam = await AddAsync(PartnerAdmin, new("Theirs", [], [], Ids.PartnerB));

        Assert.True(added.Succeeded, added.Refusal?.Code);
        Assert.Equal(["EXO", "TEAMS"], added.Value!.Workloads);
        Assert.Equal([Engineer], added.Value.Members);
        Assert.Equal(Ids.PartnerA, added.Value.PartnerId);
        Assert.Equal((RefusalCodes.SmeTeamExists, "name"), (sameName.Refusal!.Code, sameName.Refusal.Field));
        Assert.Equal((RefusalCodes.NotAnExpert, "members"), (aManager.Refusal!.Code, aManager.Refusal.Field));
        Assert.Equal(RefusalCodes.NotAnExpert, otherPartners.Refusal!.Code);
        Assert.Equal((RefusalCodes.UnknownWorkload, "workloads"), (unknown.Refusal!.Code, unknown.Refusal.Field));
        Assert.Equal(RefusalCodes.Forbidden, otherPartnersTeam.Refusal!.Code);
        Assert.NotEqual(stampBefore, await StampAsync(Engineer));
        Assert.Equal(["EXO", "TEAMS"], await Database.RunAsync(sp => ManageSmeTeams.WorkloadsOfAsync(sp.GetRequiredService<HeadwayDbContext>(), Engineer, Ids.PartnerA)));

        // Partner B's administrator neither sees nor changes it.
        var partnerB = new Caller("admin@partner-b.example", Ids.PartnerB, null, Role.Admin);
        var listedByB = await Database.RunAsync(sp => sp.GetRequiredService<ManageSmeTeams>().ListAsync(), partnerB, June);
        var changedByB = await Database.RunAsync(sp => sp.GetRequiredService<ManageSmeTeams>().ChangeAsync(added.Value.Id, new("Taken", null, null)), partnerB, June);
        Assert.Empty(listedByB.Value!);
        Assert.Equal(RefusalCodes.SmeTeamNotFound, changedByB.Refusal!.Code);

        // Through the team, the engineer on the tenant's account team changes its TEAMS status.
        Assert.True((await TeamAsync(PartnerAdmin, Engineer, false, Ids.TenantA)).Succeeded);
        var writes = await Database.RunAsync(sp => ManageSmeTeams.WorkloadsOfAsync(sp.GetRequiredService<HeadwayDbContext>(), Engineer, Ids.PartnerA));
        var changed = await ChangeAsync(EngineerCaller([.. writes]), Ids.TenantA, "TEAMS");
        Assert.True(changed.Succeeded, changed.Refusal?.Code);

        var removed = await Database.RunAsync(sp => sp.GetRequiredService<ManageSmeTeams>().RemoveAsync(added.Value.Id), PartnerAdmin, June);
        Assert.True(removed.Succeeded, removed.Refusal?.Code);
        Assert.Empty(await Database.RunAsync(sp => ManageSmeTeams.WorkloadsOfAsync(sp.GetRequiredService<HeadwayDbContext>(), Engineer, Ids.PartnerA)));
    }

    [Fact]
    public async Task AWriter_ChangesOneEntitlementAtATime_AndLeavesTheTeamsOfAPartnerTheyMoveAway()
    {
        var id = await UserAsync(Engineer, Role.Engineer, Ids.PartnerA, "EXO", "SPO");
        Assert.True((await TeamAsync(CentreAdmin, Engineer, false, Ids.TenantA)).Succeeded);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ManageSmeTeams>().AddAsync(new("Mail", ["EXO"], [Engineer])), PartnerAdmin, June)).Succeeded);

        var both = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.BulkRequest(Ids.TenantA,
            [new ChangeStatus.Target("EXO", 1), new ChangeStatus.Target("SPO", 1)],
            new EntitlementPatch(new EntitlementUpdate("", null, NextActionDate: new DateOnly(2026, 6, 20)), new HashSet<EntitlementField> { EntitlementField.NextActionDate }))),
            EngineerCaller("EXO", "SPO"), June);
        var noOne = await TeamAsync(CentreAdmin, " ", true, Ids.TenantA);
        var notOnIt = await TeamAsync(CentreAdmin, "someone@partner-a.example", true, Ids.TenantA);
        var moved = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().UpdateAsync(id, new ManageUsers.Change(ChangePartner: true, Partner: Ids.PartnerB)),
            CentreAdmin, June);
        var after = await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return ((await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == Ids.TenantA)).AccountTeam, (await db.SmeTeams.AsNoTracking().SingleAsync()).Members,
                await ManageSmeTeams.WorkloadsOfAsync(db, Engineer, Ids.PartnerB));
        }, CentreAdmin);
        var elsewhere = await ChangeAsync(new Caller(Engineer, null, null, Role.Engineer) { StatusWorkloads = ["EXO"] }, Ids.TenantA, "EXO");

        Assert.Equal(RefusalCodes.Forbidden, both.Refusal!.Code);
        Assert.Equal((RefusalCodes.ValueRequired, "member"), (noOne.Refusal!.Code, noOne.Refusal.Field));
        Assert.Equal(RefusalCodes.NotATeamMember, notOnIt.Refusal!.Code);
        Assert.True(moved.Succeeded, moved.Refusal?.Code);
        Assert.Empty(after.AccountTeam);
        Assert.Empty(after.Members);
        Assert.Empty(after.Item3);
        Assert.Equal(RefusalCodes.NotAssigned, elsewhere.Refusal!.Code);
    }

    private Task<string?> StampAsync(string email) =>
        Database.RunAsync(async sp => (await sp.GetRequiredService<UserManager<HeadwayUser>>().FindByEmailAsync(email))!.SecurityStamp);
}
