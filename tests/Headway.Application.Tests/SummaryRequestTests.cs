using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class SummaryRequestTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly Caller Regional = new("rm@example", null, null, Role.RegionalManager);
    private static readonly Caller Leader = new("lead@example", null, null, Role.Leadership);

    private Task<Result<ListSummaryRequests.Row>> RequestAsync(long tenant, DateOnly? due, string? message = null, Caller? caller = null, DateTimeOffset? at = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<RequestSummary.Handler>().HandleAsync(new RequestSummary.Request(tenant, due, message)),
            caller ?? Regional, at ?? Now);

    private Task<Result<Page<ListSummaryRequests.Row>>> ListAsync(ListSummaryRequests.Request request, Caller? caller = null, DateTimeOffset? at = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<ListSummaryRequests.Handler>().HandleAsync(request), caller ?? Regional, at ?? Now);

    private Task<Result<ExecutiveSummary>> WriteAsync(long tenant, DateTimeOffset at) =>
        Database.RunAsync(sp => sp.GetRequiredService<WriteSummary.Handler>().HandleAsync(new WriteSummary.Request(tenant,
            "Logistics group with 800 staff; new CIO since spring.", "Reactive", "PartiallyDeployed", null, [], null, null)), Seed.AsManager(), at);

    private Task<List<SummaryRequest>> StoredAsync() =>
        Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().SummaryRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    [Theory]
    [InlineData(Role.RegionalManager, null)]
    [InlineData(Role.Leadership, null)]
    [InlineData(Role.Manager, RefusalCodes.Forbidden)]
    [InlineData(Role.Admin, RefusalCodes.Forbidden)]
    [InlineData(Role.Engineer, RefusalCodes.Forbidden)]
    [InlineData(Role.Gateway, RefusalCodes.Forbidden)]
    [InlineData(Role.ProductAnalyst, RefusalCodes.Forbidden)]
    public async Task Request_ByRole_OnlyRegionalManagersAndLeadershipMayAsk(Role role, string? code)
    {
        var result = await RequestAsync(Ids.TenantA, Today.AddDays(7), caller: new Caller("someone@example", null, null, role));

        Assert.Equal(code, result.Refusal?.Code);
        Assert.Equal(code is null ? 1 : 0, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task Request_Valid_IsStoredForTheTenantsManagerWithItsPartnerAndRegion()
    {
        var result = await RequestAsync(Ids.TenantA, Today, "  Board meeting on Friday: where does the Teams rollout stand?  ");

        Assert.True(result.Succeeded, result.Refusal?.Code);
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal((Ids.TenantA, Ids.PartnerA, "EMEA", "rm@example", Seed.Manager, Now, Today, "Board meeting on Friday: where does the Teams rollout stand?"),
            (stored.TenantId, stored.PartnerId, stored.Region, stored.RequestedBy, stored.RequestedOf, stored.RequestedAt, stored.DueDate, stored.Message));
        Assert.Null(stored.FulfilledAt);
        Assert.Equal(("Contoso Pharma GmbH", SummaryRequestState.Open), (result.Value!.TenantName, result.Value.State));
    }

    [Theory]
    [InlineData("no-date", RefusalCodes.DueDateRequired, "dueDate")]
    [InlineData("yesterday", RefusalCodes.DueDateInPast, "dueDate")]
    [InlineData("long-message", RefusalCodes.FieldTooLong, "message")]
    [InlineData("control", RefusalCodes.ForbiddenCharacter, "message")]
    public async Task Request_BadInput_IsRefusedForItsFieldAndStoresNothing(string fault, string code, string field)
    {
        var result = fault switch
        {
            "no-date" => await RequestAsync(Ids.TenantA, null),
            "yesterday" => await RequestAsync(Ids.TenantA, Today.AddDays(-1)),
            "long-message" => await RequestAsync(Ids.TenantA, Today, new string('问', RequestSummary.MaxMessage + 1)),
            _ => await RequestAsync(Ids.TenantA, Today, "Status\u0000please"),
        };

        Assert.Equal((code, field), (result.Refusal?.Code, result.Refusal?.Field));
        Assert.Empty(await StoredAsync());
        Assert.Empty(await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Notifications.ToListAsync()));
    }

    [Fact]
    public async Task Request_TenantWithoutManagerDuplicateOrOfAnotherPartner_IsRefused()
    {
        await Database.RunAsync(async sp => await sp.GetRequiredService<HeadwayDbContext>().Tenants.Where(t => t.Id == Ids.TenantCentre)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ManagerName, (string?)null)));
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<MarkDuplicate.Handler>().HandleAsync(new MarkDuplicate.Request(Ids.TenantB, "Same customer as tenant 1.")),
            Seed.AsManager(), Now)).Succeeded);

        var noManager = await RequestAsync(Ids.TenantCentre, Today);
        var duplicate = await RequestAsync(Ids.TenantB, Today);
        var otherPartner = await RequestAsync(Ids.TenantB, Today, caller: new Caller("rm@a.example", Ids.PartnerA, null, Role.RegionalManager));

        Assert.Equal([RefusalCodes.TenantHasNoManager, RefusalCodes.SummaryOfDuplicateTenant, RefusalCodes.TenantNotFound],
            new[] { noManager, duplicate, otherPartner }.Select(r => r.Refusal?.Code));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Request_WhileTheCallersOwnIsOpen_IsRefusedButAnotherRequesterMayAsk()
    {
        Assert.True((await RequestAsync(Ids.TenantA, Today.AddDays(3))).Succeeded);

        var again = await RequestAsync(Ids.TenantA, Today.AddDays(10));
        var leader = await RequestAsync(Ids.TenantA, Today.AddDays(10), caller: Leader);

        Assert.Equal(RefusalCodes.SummaryAlreadyRequested, again.Refusal?.Code);
        Assert.Equal(["2026-06-04"], again.Refusal!.Args);
        Assert.True(leader.Succeeded);
        Assert.Equal(2, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task WriteSummary_OnATenant_FulfilsEveryOpenRequestOfThatTenantOnly()
    {
        Assert.True((await RequestAsync(Ids.TenantA, Today.AddDays(3))).Succeeded);
        Assert.True((await RequestAsync(Ids.TenantA, Today.AddDays(5), caller: Leader)).Succeeded);
        Assert.True((await RequestAsync(Ids.TenantCentre, Today.AddDays(5))).Succeeded);
        var writtenAt = Now.AddDays(2);

        var summary = await WriteAsync(Ids.TenantA, writtenAt);

        Assert.True(summary.Succeeded, summary.Refusal?.Code);
        var stored = await StoredAsync();
        Assert.All(stored.Where(r => r.TenantId == Ids.TenantA), r => Assert.Equal((writtenAt, summary.Value!.Id), (r.FulfilledAt, r.SummaryId)));
        var centre = Assert.Single(stored, r => r.TenantId == Ids.TenantCentre);
        Assert.Equal((null, null), (centre.FulfilledAt, centre.SummaryId));

        // A later summary leaves the fulfilled requests as they were and opens nothing again.
        var later = await WriteAsync(Ids.TenantA, writtenAt.AddDays(1));
        Assert.True(later.Succeeded);
        Assert.All((await StoredAsync()).Where(r => r.TenantId == Ids.TenantA), r => Assert.Equal(summary.Value!.Id, r.SummaryId));
    }

    [Fact]
    public async Task WriteSummary_Refused_FulfilsNothing()
    {
        Assert.True((await RequestAsync(Ids.TenantA, Today.AddDays(3))).Succeeded);

        var refused = await Database.RunAsync(sp => sp.GetRequiredService<WriteSummary.Handler>().HandleAsync(new WriteSummary.Request(Ids.TenantA,
            " ", "Reactive", "PartiallyDeployed", null, [], null, null)), Seed.AsManager(), Now);

        Assert.Equal(RefusalCodes.DescriptionRequired, refused.Refusal?.Code);
        Assert.Null(Assert.Single(await StoredAsync()).FulfilledAt);
    }

    [Fact]
    public async Task List_FiltersByPartyAndState_OpenFirstSoonestDue()
    {
        Assert.True((await RequestAsync(Ids.TenantA, Today.AddDays(1))).Succeeded);
        Assert.True((await RequestAsync(Ids.TenantCentre, Today.AddDays(5))).Succeeded);
        Assert.True((await RequestAsync(Ids.TenantB, Today.AddDays(3), caller: Leader)).Succeeded);
        Assert.True((await WriteAsync(Ids.TenantCentre, Now.AddDays(1))).Succeeded);
        var later = Now.AddDays(2); // TenantA's request is now overdue

        var all = await ListAsync(new ListSummaryRequests.Request(), Leader, later);
        var mine = await ListAsync(new ListSummaryRequests.Request(RequestedByMe: true), Regional, later);
        var ofManager = await ListAsync(new ListSummaryRequests.Request(RequestedOfMe: true), Seed.AsManager(), later);
        var ofSomeoneElse = await ListAsync(new ListSummaryRequests.Request(RequestedOfMe: true), Regional, later);
        var open = await ListAsync(new ListSummaryRequests.Request(State: "open"), Leader, later);
        var overdue = await ListAsync(new ListSummaryRequests.Request(State: "Overdue"), Leader, later);
        var fulfilled = await ListAsync(new ListSummaryRequests.Request(State: "fulfilled"), Leader, later);
        var ofTenant = await ListAsync(new ListSummaryRequests.Request(TenantId: Ids.TenantB), Leader, later);
        var paged = await ListAsync(new ListSummaryRequests.Request(Page: 2, PageSize: 2), Leader, later);

        Assert.Equal([(Ids.TenantA, SummaryRequestState.Overdue), (Ids.TenantB, SummaryRequestState.Open), (Ids.TenantCentre, SummaryRequestState.Fulfilled)],
            all.Value!.Items.Select(r => (r.Request.TenantId, r.State)));
        Assert.Equal([Ids.TenantA, Ids.TenantCentre], mine.Value!.Items.Select(r => r.Request.TenantId));
        Assert.Equal(3, ofManager.Value!.Total);
        Assert.Equal(0, ofSomeoneElse.Value!.Total);
        Assert.Equal([Ids.TenantA, Ids.TenantB], open.Value!.Items.Select(r => r.Request.TenantId));
        Assert.Equal([Ids.TenantA], overdue.Value!.Items.Select(r => r.Request.TenantId));
        Assert.Equal([Ids.TenantCentre], fulfilled.Value!.Items.Select(r => r.Request.TenantId));
        Assert.Equal([Ids.TenantB], ofTenant.Value!.Items.Select(r => r.Request.TenantId));
        Assert.Equal(3, paged.Value!.Total);
        Assert.Equal([Ids.TenantCentre], paged.Value.Items.Select(r => r.Request.TenantId));
    }

    [Fact]
    public async Task List_UnknownStateOrTenantOrAnotherPartner_IsRefusedOrLeftOut()
    {
        Assert.True((await RequestAsync(Ids.TenantA, Today)).Succeeded);
        Assert.True((await RequestAsync(Ids.TenantB, Today)).Succeeded);
        var partnerB = new Caller("rm@b.example", Ids.PartnerB, null, Role.RegionalManager);

        var unknown = await ListAsync(new ListSummaryRequests.Request(State: "late"));
        var otherTenant = await ListAsync(new ListSummaryRequests.Request(TenantId: Ids.TenantA), partnerB);
        var scoped = await ListAsync(new ListSummaryRequests.Request(), partnerB);
        var analyst = await ListAsync(new ListSummaryRequests.Request(), new Caller("pa@example", null, null, Role.ProductAnalyst));

        Assert.Equal((RefusalCodes.UnknownChoice, "state"), (unknown.Refusal?.Code, unknown.Refusal?.Field));
        Assert.Equal(RefusalCodes.TenantNotFound, otherTenant.Refusal?.Code);
        Assert.Equal([Ids.TenantB], scoped.Value!.Items.Select(r => r.Request.TenantId));
        Assert.Equal(RefusalCodes.Forbidden, analyst.Refusal?.Code);
    }

    [Fact]
    public async Task Request_NotifiesTheManagerWhoIsAUser_InTheSameSave()
    {
        var result = await RequestAsync(Ids.TenantA, Today.AddDays(2));

        var notice = Assert.Single(await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Notifications.AsNoTracking().ToListAsync()));
        var manager = await Database.RunAsync(sp => sp.GetRequiredService<UserManager<HeadwayUser>>().FindByNameAsync(Seed.Manager));
        Assert.Equal((manager!.Id, NotificationKind.SummaryRequested, Ids.TenantA, Ids.PartnerA, "rm@example", "2026-06-03", Now),
            (notice.UserId, notice.Kind, notice.TenantId, notice.PartnerId, notice.Actor, notice.Detail, notice.CreatedAt));
        Assert.True(result.Succeeded);
    }
}
