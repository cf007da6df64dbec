using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Notes;
using Headway.Application.Notifications;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>Each kind of notice is created exactly when it should be, for the right person, and only that person reads it.</summary>
public class NotificationTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly NextWeek = new(2026, 6, 8);

    private static readonly Caller Admin = new("admin@example", null, null, Role.Admin);

    /// <summary>Users a next action may name: by user name, email or display name (and some it may not reach).</summary>
    private async Task<Dictionary<string, Caller>> UsersAsync() => await Database.RunAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<HeadwayUser>>();
        var made = new Dictionary<string, Caller>();
        foreach (var (email, role, partner, display, disabled) in new (string, Role, long?, string, bool)[]
        {
            ("erika@a.example", Role.Engineer, Ids.PartnerA, "Erika Mustermann", false),
            ("lead@example", Role.Leadership, null, "Lena Lead", false),
            ("kenji@b.example", Role.Engineer, Ids.PartnerB, "Kenji Sato", false),
            ("otto@a.example", Role.Engineer, Ids.PartnerA, "Otto Alt", true),
            ("pia@example", Role.ProductAnalyst, null, "Pia Analyst", false),
            ("sam1@example", Role.Engineer, null, "Sam Lee", false),
            ("sam2@a.example", Role.Engineer, Ids.PartnerA, "Sam Lee", false),
            ("fm2@a.example", Role.Manager, Ids.PartnerA, "Franz Zwei", false),
        })
        {
            var created = await users.CreateAsync(new HeadwayUser { UserName = email, Email = email, Role = role, PartnerId = partner, DisplayName = display, IsDisabled = disabled });
            Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
            made[email] = new Caller(email, partner, null, role);
        }

        return made;
    });

    private Task<Result<Entitlement>> ChangeAsync(string? owner, int version, Caller? caller = null, string note = "No sponsor after the reorganisation.",
        string workload = "EXO", long? tenant = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(tenant ?? Ids.TenantA, workload, version,
            new EntitlementUpdate("NoIntent", "ExecutiveSponsorship", Note: note, NextAction: "Call the CIO about a sponsor", NextActionDate: NextWeek,
                NextActionOwner: owner))), caller ?? Seed.AsManager(), Now);

    private Task<ListNotifications.Response> ListAsync(Caller reader, bool unreadOnly = false, DateTimeOffset? at = null) =>
        Database.RunAsync(async sp =>
        {
            var result = await sp.GetRequiredService<ListNotifications.Handler>().HandleAsync(new ListNotifications.Request(unreadOnly));
            Assert.True(result.Succeeded, result.Refusal?.Code);
            return result.Value!;
        }, reader, at ?? Now);

    private Task<List<Notification>> AllAsync() =>
        Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync());

    private Task<Result<int>> MarkAsync(Caller reader, long? id, DateTimeOffset at) =>
        Database.RunAsync(sp => sp.GetRequiredService<MarkNotificationsRead.Handler>().HandleAsync(new MarkNotificationsRead.Request(id)), reader, at);

    [Theory]
    [InlineData("Erika Mustermann", "erika@a.example")]
    [InlineData(" erika mustermann ", "erika@a.example")]
    [InlineData("ERIKA@A.EXAMPLE", "erika@a.example")]
    [InlineData("lead@example", "lead@example")]
    [InlineData("Lena Lead", "lead@example")]
    public async Task ChangeStatus_OwnerNamesAUserWhoSeesTheTenant_NotifiesThatUserInTheSameSave(string owner, string recipient)
    {
        var users = await UsersAsync();

        var changed = await ChangeAsync(owner, 1);

        Assert.True(changed.Succeeded, changed.Refusal?.Code);
        var notice = Assert.Single(await AllAsync());
        var row = Assert.Single((await ListAsync(users[recipient])).Page.Items);
        Assert.Equal((NotificationKind.NextActionAssigned, Seed.Manager, Ids.TenantA, changed.Value!.Id, Ids.PartnerA, "Call the CIO about a sponsor", Now),
            (notice.Kind, notice.Actor, notice.TenantId, notice.EntitlementId, notice.PartnerId, notice.Detail, notice.CreatedAt));
        Assert.Equal((notice.Id, "Contoso Pharma GmbH", "EXO"), (row.Notification.Id, row.TenantName, row.Workload));
    }

    [Theory]
    [InlineData("fm@example")] // the caller names themself
    [InlineData("FM@EXAMPLE")]
    [InlineData("kenji@b.example")] // another partner's user does not see the tenant
    [InlineData("Kenji Sato")]
    [InlineData("Otto Alt")] // disabled
    [InlineData("pia@example")] // product analysts see no tenants
    [InlineData("Sam Lee")] // two users share the name: nobody is meant for sure
    [InlineData("The customer's CIO")]
    public async Task ChangeStatus_OwnerNamesNobodyToNotify_CreatesNoNotice(string owner)
    {
        await UsersAsync();

        var changed = await ChangeAsync(owner, 1);

        Assert.True(changed.Succeeded, changed.Refusal?.Code);
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task ChangeStatus_OwnerKeptOrOnlyRecased_NotifiesOnlyWhenFirstNamed()
    {
        var users = await UsersAsync();

        Assert.True((await ChangeAsync("Erika Mustermann", 1)).Succeeded);
        Assert.True((await ChangeAsync("Erika Mustermann", 2, note: "No sponsor yet; the CIO is back next week.")).Succeeded);
        Assert.True((await ChangeAsync("erika mustermann", 3)).Succeeded);
        Assert.True((await ChangeAsync("lead@example", 4)).Succeeded);

        Assert.Single((await ListAsync(users["erika@a.example"])).Page.Items);
        Assert.Single((await ListAsync(users["lead@example"])).Page.Items);
        Assert.Equal(2, (await AllAsync()).Count);
    }

    [Fact]
    public async Task ChangeStatus_BulkSettingTheOwner_NotifiesOncePerEntitlementAndNotOnADryRun()
    {
        var users = await UsersAsync();
        var patch = new EntitlementPatch(new EntitlementUpdate("", null, NextActionOwner: "Erika Mustermann"), new HashSet<EntitlementField> { EntitlementField.NextActionOwner });
        ChangeStatus.BulkRequest Bulk(bool dryRun) => new(Ids.TenantA, [new("EXO", 1), new("SPO", 1)], patch, DryRun: dryRun);

        var dry = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(Bulk(true)), Seed.AsManager(), Now);
        Assert.True(dry.Succeeded, dry.Refusal?.Code);
        Assert.Empty(await AllAsync());
        var saved = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(Bulk(false)), Seed.AsManager(), Now);

        Assert.True(saved.Succeeded, saved.Refusal?.Code);
        Assert.Equal(["EXO", "SPO"], (await ListAsync(users["erika@a.example"])).Page.Items.Select(r => r.Workload).Order());
    }

    [Fact]
    public async Task ChangeStatus_RefusedByARule_NotifiesNobody()
    {
        var users = await UsersAsync();

        var refused = await ChangeAsync("Erika Mustermann", 1, note: new string('x', FieldLimits.Note + 1));

        Assert.NotNull(refused.Refusal);
        Assert.Empty(await AllAsync());
        Assert.Equal(0, (await ListAsync(users["erika@a.example"])).Unread);
    }

    [Fact]
    public async Task AddOverallNote_NextActionOwner_NotifiesTheOwnerButNeverTheAuthor()
    {
        var users = await UsersAsync();
        Task<Result<AddOverallNote.Response>> AddAsync(string owner) => Database.RunAsync(sp => sp.GetRequiredService<AddOverallNote.Handler>()
            .HandleAsync(new AddOverallNote.Request(Ids.TenantA, "TechnicalEnablement", "Workshop on conditional access held with the customer's IT.",
                "Send the pilot plan", NextWeek, owner)), Seed.AsManager(), Now);

        Assert.True((await AddAsync("Erika Mustermann")).Succeeded);
        Assert.True((await AddAsync("fm@example")).Succeeded);

        var row = Assert.Single((await ListAsync(users["erika@a.example"])).Page.Items);
        Assert.Equal((NotificationKind.NextActionAssigned, null, "Send the pilot plan", null), (row.Notification.Kind, row.Notification.EntitlementId, row.Notification.Detail, row.Workload));
        Assert.Single(await AllAsync());
    }

    [Fact]
    public async Task AssignTenant_ToAnotherManager_NotifiesTheNewManagerOnce()
    {
        var users = await UsersAsync();
        Task<Result<Domain.Tenants.Tenant>> AssignAsync(string manager) =>
            Database.RunAsync(sp => sp.GetRequiredService<AssignTenant.Handler>().HandleAsync(new AssignTenant.Request(Ids.TenantA, manager)), Admin, Now);

        Assert.True((await AssignAsync("fm2@a.example")).Succeeded);
        Assert.True((await AssignAsync("fm2@a.example")).Succeeded);

        var row = Assert.Single((await ListAsync(users["fm2@a.example"])).Page.Items);
        Assert.Equal((NotificationKind.TenantReassigned, "admin@example", Ids.TenantA, Seed.Manager), (row.Notification.Kind, row.Notification.Actor, row.Notification.TenantId, row.Notification.Detail));
        Assert.Empty((await ListAsync(Seed.AsManager())).Page.Items);
    }

    [Fact]
    public async Task ChangeStatus_StaleVersion_RecordsOneConflictForTheCallerNamingWhoSavedFirst()
    {
        Assert.True((await ChangeAsync(null, 1, Caller.System, "Set by the nightly feed.")).Succeeded);

        var stale = await ChangeAsync(null, 1);
        var again = await ChangeAsync(null, 1, note: "Second try from the same old page.");

        Assert.Equal([RefusalCodes.VersionMismatch, RefusalCodes.VersionMismatch], new[] { stale, again }.Select(r => r.Refusal?.Code));
        var mine = await ListAsync(Seed.AsManager());
        var row = Assert.Single(mine.Page.Items);
        Assert.Equal((NotificationKind.EditConflicted, "system", Ids.TenantA, "EXO", "EXO", Ids.PartnerA),
            (row.Notification.Kind, row.Notification.Actor, row.Notification.TenantId, row.Notification.Detail, row.Workload, row.Notification.PartnerId));

        // Once read, the next conflict on the same entitlement is told again.
        Assert.True((await MarkAsync(Seed.AsManager(), row.Notification.Id, Now)).Succeeded);
        Assert.Equal(RefusalCodes.VersionMismatch, (await ChangeAsync(null, 1)).Refusal?.Code);
        Assert.Equal(2, (await ListAsync(Seed.AsManager())).Page.Total);
    }

    [Fact]
    public async Task ChangeStatus_StaleVersionInABulkEdit_NamesOnlyTheStaleEntitlement()
    {
        Assert.True((await ChangeAsync(null, 1, Caller.System, "Set by the nightly feed.", "SPO")).Succeeded);
        var patch = new EntitlementPatch(new EntitlementUpdate("", null, NextAction: "Plan the pilot"), new HashSet<EntitlementField> { EntitlementField.NextAction });

        var result = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
            new ChangeStatus.BulkRequest(Ids.TenantA, [new("EXO", 1), new("SPO", 1)], patch)), Seed.AsManager(), Now);

        Assert.Equal(RefusalCodes.VersionMismatch, result.Refusal?.Code);
        Assert.Equal(["SPO"], (await ListAsync(Seed.AsManager())).Page.Items.Select(r => r.Workload));
    }

    [Fact]
    public async Task ListAndMark_OnlyTheRecipientReadsAndMarksTheirOwn()
    {
        var users = await UsersAsync();
        var erika = users["erika@a.example"];
        Assert.True((await ChangeAsync("Erika Mustermann", 1)).Succeeded);
        Assert.True((await ChangeAsync("Erika Mustermann", 1, workload: "SPO")).Succeeded);
        Assert.True((await ChangeAsync("Lena Lead", 2, workload: "SPO")).Succeeded);
        var erikas = (await ListAsync(erika)).Page.Items;
        Assert.Equal(["SPO", "EXO"], erikas.Select(r => r.Workload)); // newest first (same time: later id first)

        var byManager = await MarkAsync(Seed.AsManager(), erikas[0].Notification.Id, Now);
        var byLeader = await MarkAsync(users["lead@example"], erikas[0].Notification.Id, Now);
        var unknown = await MarkAsync(erika, 999_999, Now);
        Assert.Equal([RefusalCodes.NotificationNotFound, RefusalCodes.NotificationNotFound, RefusalCodes.NotificationNotFound],
            new[] { byManager, byLeader, unknown }.Select(r => r.Refusal?.Code));
        Assert.Equal(2, (await ListAsync(erika)).Unread);

        var one = await MarkAsync(erika, erikas[1].Notification.Id, Now.AddHours(1));
        var unread = await ListAsync(erika, unreadOnly: true);
        var all = await MarkAsync(erika, null, Now.AddHours(2));
        var allAgain = await MarkAsync(erika, null, Now.AddHours(3));

        Assert.Equal((1, 1, 1, 0), (one.Value, unread.Unread, all.Value, allAgain.Value));
        Assert.Equal(["SPO"], unread.Page.Items.Select(r => r.Workload));
        var read = (await ListAsync(erika)).Page.Items;
        Assert.Equal([Now.AddHours(2), Now.AddHours(1)], read.Select(r => r.Notification.ReadAt));
        Assert.Equal(1, (await ListAsync(users["lead@example"])).Unread);
    }

    [Fact]
    public async Task List_PartnerUser_SeesOnlyTheirOwnAndAnonymousIsRefused()
    {
        var users = await UsersAsync();
        Assert.True((await ChangeAsync("Erika Mustermann", 1)).Succeeded);
        Assert.True((await ChangeAsync("Kenji Sato", 1, tenant: Ids.TenantB)).Succeeded);

        var kenji = await ListAsync(users["kenji@b.example"]);
        var anonymous = await Database.RunAsync(sp => sp.GetRequiredService<ListNotifications.Handler>().HandleAsync(new ListNotifications.Request()),
            new Caller("anonymous", -1, null, null));

        Assert.Equal([Ids.TenantB], kenji.Page.Items.Select(r => r.Notification.TenantId));
        Assert.Equal(RefusalCodes.Forbidden, anonymous.Refusal?.Code);
        Assert.Equal(2, (await AllAsync()).Count);
    }
}
