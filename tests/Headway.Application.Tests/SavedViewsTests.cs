using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class SavedViewsTests : SeededTests
{
    private static readonly Caller Me = Seed.AsManager();
    private static readonly Caller Colleague = new("rm@example", null, null, Role.RegionalManager);

    private Caller PartnerUser => new("pa@example", Ids.PartnerA, null, Role.Manager);

    private async Task UsersAsync()
    {
        foreach (var (name, partner, role) in new[] { ("rm@example", (long?)null, Role.RegionalManager), ("pa@example", Ids.PartnerA, Role.Manager) })
        {
            var created = await Database.RunAsync(sp => sp.GetRequiredService<UserManager<HeadwayUser>>()
                .CreateAsync(new HeadwayUser { UserName = name, Email = name, Role = role, PartnerId = partner }));
            Assert.True(created.Succeeded);
        }
    }

    private Task<Result<ListSavedViews.View>> SaveAsync(string? name, string? query, bool shared = false, Caller? caller = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<SaveView.Handler>().HandleAsync(new SaveView.Request(name, query, shared)), caller ?? Me);

    private async Task<IReadOnlyList<ListSavedViews.View>> ListAsync(Caller caller) =>
        (await Database.RunAsync(sp => sp.GetRequiredService<ListSavedViews.Handler>().HandleAsync(), caller)).Value!;

    private Task<Result<ListSavedViews.View>> ChangeAsync(ChangeSavedView.Request request, Caller caller) =>
        Database.RunAsync(sp => sp.GetRequiredService<ChangeSavedView.Handler>().HandleAsync(request), caller);

    private Task<Result<long>> DeleteAsync(long id, Caller caller) =>
        Database.RunAsync(sp => sp.GetRequiredService<DeleteSavedView.Handler>().HandleAsync(new DeleteSavedView.Request(id)), caller);

    [Fact]
    public async Task SaveView_AnyOrderAndCase_StoresTheCanonicalQueryThatOpensTheSameList()
    {
        var saved = await SaveAsync("  Blocked Exchange  ", "?workload=exo&l1=blocked&l1=InProgress&sort=seats&desc=true&q=+contoso+");

        Assert.True(saved.Succeeded, saved.Refusal?.Code);
        Assert.Equal("Blocked Exchange", saved.Value.Name);
        Assert.Equal("q=contoso&l1=InProgress&l1=Blocked&workload=EXO&sort=seats&desc=true", saved.Value.Query);
        var reopened = TenantListQuery.Parse(saved.Value.Query).Value!;
        Assert.Equal(["InProgress", "Blocked"], reopened.L1);
        Assert.Equal(["EXO"], reopened.Workloads);
        Assert.Equal(("seats", true, "contoso"), (reopened.Sort, reopened.Descending, reopened.Text));
        Assert.Equal(saved.Value.Query, TenantListQuery.ToQuery(reopened));
    }

    [Theory]
    [InlineData("", "l1=Blocked", RefusalCodes.ValueRequired, "name")]
    [InlineData("   ", "l1=Blocked", RefusalCodes.ValueRequired, "name")]
    [InlineData("Blocked", "l1=Blocked&p=2", RefusalCodes.UnknownParameter, "query")]
    [InlineData("Blocked", "stauts=Blocked", RefusalCodes.UnknownParameter, "query")]
    [InlineData("Blocked", "l1=Stalled", RefusalCodes.UnknownFilterValue, "query")]
    [InlineData("Blocked", "sort=colour", RefusalCodes.UnknownFilterValue, "query")]
    [InlineData("Blocked", "lang=de&l1=Blocked", RefusalCodes.UnknownParameter, "query")]
    public async Task SaveView_InvalidNameOrQuery_IsRefusedNamingTheField(string name, string query, string code, string field)
    {
        var saved = await SaveAsync(name, query);

        Assert.Equal((code, field), (saved.Refusal?.Code, saved.Refusal?.Field));
        Assert.Empty(await ListAsync(Me));
    }

    [Fact]
    public async Task SaveView_NameTooLong_IsRefused()
    {
        var saved = await SaveAsync(new string('x', SavedViewInput.MaxName + 1), "");

        Assert.Equal((RefusalCodes.FieldTooLong, "name"), (saved.Refusal?.Code, saved.Refusal?.Field));
    }

    [Fact]
    public async Task SaveView_NameTheOwnerAlreadyUses_IsRefusedButAnotherUserMayUseIt()
    {
        await UsersAsync();
        Assert.True((await SaveAsync("Mine", "mine=true")).Succeeded);

        var again = await SaveAsync("MINE", "l1=Blocked");
        var colleagues = await SaveAsync("Mine", "l1=Blocked", caller: Colleague);

        Assert.Equal((RefusalCodes.SavedViewNameTaken, "name"), (again.Refusal?.Code, again.Refusal?.Field));
        Assert.True(colleagues.Succeeded);
        Assert.Equal("mine=true", Assert.Single(await ListAsync(Me)).Query);
    }

    [Fact]
    public async Task ListSavedViews_OwnFirstThenSharedInTheSameScope_NeverAnotherScopes()
    {
        await UsersAsync();
        await SaveAsync("Mine, private", "mine=true");
        await SaveAsync("Centre, shared", "l1=Blocked", shared: true);
        await SaveAsync("Colleague, private", "l1=NoIntent", caller: Colleague);
        await SaveAsync("Colleague, shared", "l1=InProgress", shared: true, caller: Colleague);
        await SaveAsync("Partner, shared", "priority=High", shared: true, caller: PartnerUser);

        var mine = await ListAsync(Me);
        var partner = await ListAsync(PartnerUser);

        Assert.Equal(["Centre, shared", "Mine, private", "Colleague, shared"], mine.Select(v => v.Name));
        Assert.Equal([true, true, false], mine.Select(v => v.IsMine));
        Assert.Equal("rm@example", mine[2].Owner);
        Assert.Equal(["Partner, shared"], partner.Select(v => v.Name));
    }

    [Fact]
    public async Task ChangeSavedView_Owner_RenamesSharesAndReplacesTheQuery()
    {
        var saved = (await SaveAsync("Blocked", "l1=Blocked")).Value!;

        var renamed = await ChangeAsync(new ChangeSavedView.Request(saved.Id, "Blocked in EMEA", Shared: true, Query: "region=EMEA&l1=Blocked"), Me);
        var kept = await ChangeAsync(new ChangeSavedView.Request(saved.Id, Name: "Blocked, EMEA"), Me);

        Assert.True(renamed.Succeeded);
        Assert.Equal(("Blocked, EMEA", true, "l1=Blocked&region=EMEA"), (kept.Value!.Name, kept.Value.IsShared, kept.Value.Query));
        Assert.Equal("Blocked, EMEA", Assert.Single(await ListAsync(Me)).Name);
    }

    [Fact]
    public async Task ChangeAndDelete_SomeoneElsesView_AreRefusedAndChangeNothing()
    {
        await UsersAsync();
        var shared = (await SaveAsync("Shared", "l1=Blocked", shared: true)).Value!;
        var hidden = (await SaveAsync("Private", "l1=NoIntent")).Value!;

        var renameShared = await ChangeAsync(new ChangeSavedView.Request(shared.Id, "Taken over"), Colleague);
        var deleteShared = await DeleteAsync(shared.Id, Colleague);
        var renameHidden = await ChangeAsync(new ChangeSavedView.Request(hidden.Id, "Taken over"), Colleague);
        var deleteFromPartner = await DeleteAsync(shared.Id, PartnerUser);

        Assert.Equal(RefusalCodes.SavedViewNotYours, renameShared.Refusal?.Code);
        Assert.Equal(RefusalCodes.SavedViewNotYours, deleteShared.Refusal?.Code);
        Assert.Equal(RefusalCodes.SavedViewNotFound, renameHidden.Refusal?.Code);
        Assert.Equal(RefusalCodes.SavedViewNotFound, deleteFromPartner.Refusal?.Code);
        Assert.Equal(["Private", "Shared"], (await ListAsync(Me)).Select(v => v.Name));
    }

    [Fact]
    public async Task ChangeSavedView_ToANameTheOwnerUses_IsRefused()
    {
        await SaveAsync("First", "l1=Blocked");
        var second = (await SaveAsync("Second", "l1=NoIntent")).Value!;

        var renamed = await ChangeAsync(new ChangeSavedView.Request(second.Id, "first"), Me);
        var sameName = await ChangeAsync(new ChangeSavedView.Request(second.Id, "Second", Shared: true), Me);

        Assert.Equal(RefusalCodes.SavedViewNameTaken, renamed.Refusal?.Code);
        Assert.True(sameName.Succeeded);
    }

    [Fact]
    public async Task DeleteSavedView_Owner_RemovesIt()
    {
        var saved = (await SaveAsync("Gone soon", "mine=true")).Value!;

        var deleted = await DeleteAsync(saved.Id, Me);

        Assert.True(deleted.Succeeded);
        Assert.Empty(await ListAsync(Me));
        Assert.Equal(RefusalCodes.SavedViewNotFound, (await DeleteAsync(saved.Id, Me)).Refusal?.Code);
    }

    [Fact]
    public async Task SavedViews_ProductAnalyst_IsRefused()
    {
        var analyst = new Caller("pa@analyst", null, null, Role.ProductAnalyst);

        Assert.Equal(RefusalCodes.Forbidden, (await SaveAsync("Mine", "mine=true", caller: analyst)).Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, (await Database.RunAsync(sp => sp.GetRequiredService<ListSavedViews.Handler>().HandleAsync(), analyst)).Refusal?.Code);
    }
}
