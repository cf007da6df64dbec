using Headway.Application.Audit;
using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class PermissionsTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static Caller As(Role role, string name = "someone@example") => new(name, null, null, role);

    private Task<Result<Entitlement>> ChangeAsync(Caller caller, EntitlementUpdate update, string workload = "EXO", int version = 1) =>
        Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(Ids.TenantA, workload, version, update)), caller, Now);

    [Theory]
    [InlineData(ServiceScopes.Read, new[] { Permission.ReadTenants, Permission.ReadReports, Permission.ManageWebhooks })]
    [InlineData(ServiceScopes.WriteStatuses, new[] { Permission.ChangeEntitlement, Permission.SetEngagementStartDate })]
    [InlineData(ServiceScopes.Import, new[] { Permission.Import, Permission.RegisterEntitlements })]
    [InlineData(ServiceScopes.Export, new[] { Permission.Export })]
    public void ServiceAccount_OneScope_AllowsItsPermissionsAndNothingElse_WhateverItsRole(string scope, Permission[] allowed)
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            var service = new Caller("svc-sync-0a1b2c", null, null, role) { Scopes = [scope] };
            Assert.Equal(allowed.Order(), Enum.GetValues<Permission>().Where(p => Permissions.Allows(service, p)).Order());
            Assert.False(Permissions.WritesNotes(service));
        }
    }

    [Fact]
    public async Task ServiceAccount_WithTheStatusesScope_ChangesAnyTenantInScope_WithoutBeingAssigned()
    {
        var service = new Caller("svc-crm-sync-0a1b2c", null, null, Role.Manager) { Scopes = [ServiceScopes.WriteStatuses] };

        var changed = await ChangeAsync(service, new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration, wave 1 of 2, is under way.",
            TargetDate: new DateOnly(2026, 9, 1)));

        Assert.True(changed.Succeeded, changed.Refusal?.Code);
        Assert.Equal("svc-crm-sync-0a1b2c", changed.Value!.LastChangedBy);
    }

    [Theory]
    [InlineData(Role.Admin, RefusalCodes.Forbidden)]
    [InlineData(Role.Engineer, RefusalCodes.Forbidden)]
    [InlineData(Role.Architect, RefusalCodes.Forbidden)]
    [InlineData(Role.RegionalManager, RefusalCodes.Forbidden)]
    [InlineData(Role.Leadership, RefusalCodes.Forbidden)]
    [InlineData(Role.ProductAnalyst, RefusalCodes.Forbidden)]
    [InlineData(Role.Gateway, RefusalCodes.Forbidden)]
    [InlineData(Role.Manager, RefusalCodes.NotAssigned)]
    public async Task ChangeStatus_RoleOtherThanTheAssignedManager_IsRefused(Role role, string code)
    {
        var result = await ChangeAsync(As(role), new EntitlementUpdate("NoIntent", "ExecutiveSponsorship", Note: "No sponsor after the reorganisation."));

        Assert.Equal(code, result.Refusal?.Code);
    }

    [Fact]
    public async Task ChangeStatus_Gateway_MaySetOnlyTheEngagementStartDate()
    {
        var target = new DateOnly(2026, 9, 1);
        Assert.True((await ChangeAsync(Seed.AsManager(), new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration, wave 2.", TargetDate: target))).Succeeded);
        var gateway = As(Role.Gateway, "gateway@example");

        var startDate = await ChangeAsync(gateway, new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration, wave 2.", TargetDate: target, EngagementStartDate: new DateOnly(2026, 5, 20)), version: 2);
        var note = await ChangeAsync(gateway, new EntitlementUpdate("InProgress", "Migration", Note: "Something else.", TargetDate: target, EngagementStartDate: new DateOnly(2026, 5, 20)), version: 3);

        Assert.True(startDate.Succeeded, startDate.Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, note.Refusal?.Code);
    }

    [Fact]
    public async Task ReadUseCases_ProductAnalyst_IsRefusedEverythingButAggregates()
    {
        var analyst = As(Role.ProductAnalyst);

        var list = await Database.RunAsync(sp => sp.GetRequiredService<ListTenants.Handler>().HandleAsync(new ListTenants.Request()), analyst);
        var tenant = await Database.RunAsync(sp => sp.GetRequiredService<GetTenant.Handler>().HandleAsync(new GetTenant.Request(Ids.TenantA)), analyst);
        var history = await Database.RunAsync(sp => sp.GetRequiredService<GetHistory.Handler>().HandleAsync(new GetHistory.Request(Ids.TenantA)), analyst);

        Assert.Equal(RefusalCodes.Forbidden, list.Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, tenant.Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, history.Refusal?.Code);
    }

    [Theory]
    [InlineData(Role.Gateway, null)]
    [InlineData(Role.Manager, RefusalCodes.Forbidden)]
    [InlineData(Role.Admin, null)]
    [InlineData(Role.Engineer, RefusalCodes.Forbidden)]
    [InlineData(Role.RegionalManager, RefusalCodes.Forbidden)]
    public async Task AddEntitlement_GatewayManagersAndAdministrators_RegisterEntitlements(Role role, string? code)
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<AddEntitlement.Handler>()
            .HandleAsync(new AddEntitlement.Request(Ids.TenantA, ["WDATP"])), As(role), Now);

        Assert.Equal(code, result.Refusal?.Code);
    }

    [Theory]
    [InlineData(Role.Admin, null)]
    [InlineData(Role.Manager, RefusalCodes.Forbidden)]
    [InlineData(Role.Leadership, RefusalCodes.Forbidden)]
    public async Task SearchAudit_OnlyAdministrators_ReadTheTrail(Role role, string? code)
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<SearchAudit.Handler>().HandleAsync(new SearchAudit.Request()), As(role));

        Assert.Equal(code, result.Refusal?.Code);
    }

    [Fact]
    public async Task PartnerAdmin_SeesOnlyItsPartnerAndLearnsNothingOfOthers()
    {
        var centreAdmin = As(Role.Admin, "admin@centre");
        var partnerAdmin = new Caller("admin@partner-a", Ids.PartnerA, null, Role.Admin);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync("fm@partner-b", "Manager", "Partner B", "Correct-Horse-Battery-9"), centreAdmin)).Succeeded);

        var partners = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().PartnersAsync(), partnerAdmin);
        var users = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().FindAsync(new ManageUsers.Query()), partnerAdmin);
        var otherPartner = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync("x@partner-a", "Manager", "Partner B", "Correct-Horse-Battery-9"), partnerAdmin);
        var existingElsewhere = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync("fm@partner-b", "Manager", "Partner A", "Correct-Horse-Battery-9"), partnerAdmin);
        var token = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().IssueTokenAsync("fm@partner-b"), partnerAdmin);

        Assert.Equal(["Partner A"], partners.Value!.Select(p => p.Name));
        Assert.DoesNotContain(users.Value!.Items, u => u.Email == "fm@partner-b");
        Assert.Equal(RefusalCodes.UnknownPartner, otherPartner.Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, existingElsewhere.Refusal?.Code);
        Assert.Equal(RefusalCodes.UserNotFound, token.Refusal?.Code);
    }

    [Theory]
    [InlineData("Manager, Engineer")]
    [InlineData("3")]
    [InlineData("Superuser")]
    public async Task AddUser_RoleThatIsNotExactlyOneRole_IsRefused(string role)
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync("new@example", role, null, "Correct-Horse-Battery-9"), As(Role.Admin));

        Assert.Equal(RefusalCodes.UnknownRole, result.Refusal?.Code);
    }

    [Fact]
    public async Task MarkDuplicate_ManagerOfAnotherPortfolio_IsRefused()
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<MarkDuplicate.Handler>()
            .HandleAsync(new MarkDuplicate.Request(Ids.TenantA, "Registered twice")), As(Role.Manager, "other-fm@example"), Now);

        Assert.Equal(RefusalCodes.NotAssigned, result.Refusal?.Code);
    }
}
