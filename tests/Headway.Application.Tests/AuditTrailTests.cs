using Headway.Application.Audit;
using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class AuditTrailTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Caller Manager = Seed.AsManager(ip: "203.0.113.7");

    private Task<List<AuditEntry>> TrailAsync(long tenant) => Database.RunAsync(sp =>
        sp.GetRequiredService<HeadwayDbContext>().AuditEntries.Where(a => a.TenantId == tenant).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task ChangeStatus_Write_RecordsWhoWhenWhereAndEveryFieldBeforeAndAfter()
    {
        var before = (await TrailAsync(Ids.TenantA)).Count;

        var result = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
            new ChangeStatus.Request(Ids.TenantA, "SPO", 1, new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: "Uses a competitor's intranet suite."))), Manager, Now);

        Assert.True(result.Succeeded);
        var entry = (await TrailAsync(Ids.TenantA)).Skip(before).Single(a => a.Entity == "Entitlement");
        Assert.Equal((Seed.Manager, "203.0.113.7", "Modified", Now), (entry.Actor, entry.Ip, entry.Action, entry.At));
        Assert.Equal(result.Value!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Contains(entry.Changes, c => c is { Field: "L1", Before: "StatusUnknown", After: "NoIntent" });
        Assert.Contains(entry.Changes, c => c is { Field: "Note", Before: null, After: "Uses a competitor's intranet suite." });
        Assert.Contains(entry.Changes, c => c is { Field: "Version", Before: "1", After: "2" });
    }

    [Fact]
    public async Task AddEntitlement_Write_RecordsTheNewRowWithItsAssignedKey()
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<AddEntitlement.Handler>()
            .HandleAsync(new AddEntitlement.Request(Ids.TenantB, ["INTUNE"])), new Caller("gateway@example", null, null, Role.Gateway), Now);

        var entry = (await TrailAsync(Ids.TenantB)).Single(a => a.Entity == "Entitlement" && a.Action == "Added" && a.EntityId == result.Value![0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Ids.PartnerB, entry.PartnerId);
        Assert.Contains(entry.Changes, c => c is { Field: "Workload", Before: null, After: "INTUNE" });
    }

    [Fact]
    public async Task MarkDuplicate_Write_RecordsTheTenantFlagAndEveryEntitlement()
    {
        var before = (await TrailAsync(Ids.TenantCentre)).Count;

        await Database.RunAsync(sp => sp.GetRequiredService<MarkDuplicate.Handler>().HandleAsync(new MarkDuplicate.Request(Ids.TenantCentre, "Registered twice")), Manager, Now);

        var added = (await TrailAsync(Ids.TenantCentre)).Skip(before).ToList();
        Assert.Contains(added, a => a.Entity == "Tenant" && a.Changes.Any(c => c is { Field: "IsDuplicate", Before: "False", After: "True" }));
        Assert.Equal(4, added.Count(a => a.Entity == "Entitlement"));
    }

    [Fact]
    public async Task AdministrationWrites_UsersTokensPartnersAssignmentsAndClearingAFlag_AreAllRecorded()
    {
        var admin = new Caller("admin@example", null, "198.51.100.4", Role.Admin);
        await Database.RunAsync(sp => sp.GetRequiredService<MarkDuplicate.Handler>().HandleAsync(new MarkDuplicate.Request(Ids.TenantA, "Registered twice")), admin, Now);
        await Database.RunAsync(sp => sp.GetRequiredService<ClearDuplicate.Handler>().HandleAsync(new ClearDuplicate.Request(Ids.TenantA)), admin, Now);
        var partner = await Database.RunAsync(sp => sp.GetRequiredService<ManagePartners>().AddAsync("Gamma Services"), admin, Now);
        var user = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync("fm2@example", "Manager", "Partner A", "Correct-Horse-Battery-9"), admin, Now);
        var token = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().IssueTokenAsync("fm2@example"), admin, Now);
        await Database.RunAsync(sp => sp.GetRequiredService<ApiTokens>().RevokeAsync(user.Value!.Id, token.Value!.Id), admin, Now);
        await Database.RunAsync(sp => sp.GetRequiredService<AssignTenant.Handler>().HandleAsync(new AssignTenant.Request(Ids.TenantA, "fm2@example")), admin, Now);
        await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().SetDisabledAsync("fm2@example", true), admin, Now);

        var trail = await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().AuditEntries.Where(a => a.Actor == "admin@example").ToListAsync());

        Assert.All(trail, a => Assert.Equal(("198.51.100.4", Now), (a.Ip, a.At)));
        Assert.Contains(trail, a => a.Entity == "Tenant" && a.Changes.Any(c => c is { Field: "IsDuplicate", Before: "True", After: "False" }));
        Assert.Contains(trail, a => a.Entity == "Partner" && a.Action == "Added" && a.EntityId == partner.Value!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var userAdded = Assert.Single(trail, a => a.Entity == "HeadwayUser" && a.Action == "Added");
        Assert.Contains(userAdded.Changes, c => c is { Field: "PasswordHash", After: "***" });
        Assert.Contains(userAdded.Changes, c => c is { Field: "Role", After: "Manager" });
        Assert.Contains(trail, a => a.Entity == "ApiToken" && a.Action == "Added" && a.Changes.Any(c => c is { Field: "TokenHash", After: "***" }));
        Assert.Contains(trail, a => a.Entity == "ApiToken" && a.Action == "Modified" && a.Changes.Any(c => c.Field == "RevokedAt" && c.Before == null && c.After != null));
        Assert.Contains(trail, a => a.Entity == "Tenant" && a.Changes.Any(c => c is { Field: "ManagerName", Before: Seed.Manager, After: "fm2@example" }));
        Assert.Contains(trail, a => a.Entity == "HeadwayUser" && a.Changes.Any(c => c is { Field: "IsDisabled", Before: "False", After: "True" }));
        Assert.DoesNotContain(trail.SelectMany(a => a.Changes), c => c.After == token.Value!.Token);
    }

    [Fact]
    public async Task FailedWrite_LeavesNoAuditEntry()
    {
        await using var provider = Database.Services(Manager, Now);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        var e = await db.Entitlements.SingleAsync(x => x.TenantId == Ids.TenantA && x.Workload == "OPP");
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
            new ChangeStatus.Request(Ids.TenantA, "OPP", 1, new EntitlementUpdate("Blocked", "BillingLicensingSubscription"))), Manager, Now)).Succeeded);
        var count = (await TrailAsync(Ids.TenantA)).Count;
        EntitlementRules.Restore(e, EntitlementUpdate.From(e) with { Note = "stale edit" }, "fm@example", Now);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

        Assert.Equal(count, (await TrailAsync(Ids.TenantA)).Count);
    }

    [Fact]
    public async Task AuditEntriesAndHistory_ChangeOrDelete_IsRefused()
    {
        await using var provider = Database.Services(Manager, Now);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        var audit = await db.AuditEntries.FirstAsync();
        var history = await db.StatusChanges.FirstAsync();

        audit.Actor = "someone else";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.StatusChanges.Remove(history);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SearchAudit_ByActorTenantAndDate_FindsTheEntriesAndRespectsScope()
    {
        await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
            new ChangeStatus.Request(Ids.TenantB, "EXO", 1, new EntitlementUpdate("Blocked", "PartnerEngagement"))), Manager, Now);

        var byActor = await Database.RunAsync(sp => sp.GetRequiredService<SearchAudit.Handler>().HandleAsync(
            new SearchAudit.Request(Actor: Seed.Manager, TenantId: Ids.TenantB, From: new DateOnly(2026, 6, 1), To: new DateOnly(2026, 6, 1))));
        var otherDay = await Database.RunAsync(sp => sp.GetRequiredService<SearchAudit.Handler>().HandleAsync(
            new SearchAudit.Request(Actor: Seed.Manager, From: new DateOnly(2026, 6, 2))));
        var asPartnerA = await Database.RunAsync(sp => sp.GetRequiredService<SearchAudit.Handler>().HandleAsync(
            new SearchAudit.Request(TenantId: Ids.TenantB)), new Caller("a", Ids.PartnerA, null, Role.Admin));

        var found = Assert.Single(byActor.Value!.Page.Items);
        Assert.Equal("Entitlement", found.Entity);
        // The tenant the entry names is given by name too.
        Assert.Equal("东方物流有限公司", byActor.Value.Names.Tenants.GetValueOrDefault(Ids.TenantB));
        Assert.Empty(otherDay.Value!.Page.Items);
        Assert.Empty(asPartnerA.Value!.Page.Items);
    }
}
