using Headway.Application.Entitlements;
using Headway.Application.Taxonomy;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>L3 values are added, renamed, retired and restored by the programme centre's administrators; a retired value
/// stays where it is set and is no new choice.</summary>
public class L3ValuesTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Caller Admin = new("admin@example", null, null, Role.Admin);

    private Task<T> AsAsync<T>(Caller caller, Func<ManageL3Values, Task<T>> work) =>
        Database.RunAsync(sp => work(sp.GetRequiredService<ManageL3Values>()), caller, June);

    private Task<Result<Entitlement>> ChangeAsync(EntitlementUpdate update, int version) =>
        Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(Ids.TenantA, "EXO", version, update)),
            Seed.AsManager(), June);

    private static EntitlementUpdate Blocked(string? l3, string note = "Works council approval pending for the mail archive move.") =>
        new("Blocked", "LegalRegulatory", l3, note, ProjectedUnblockDate: new DateOnly(2026, 9, 1));

    [Fact]
    public async Task AddRenameRetireRestore_ByTheCentresAdministrator()
    {
        var added = await AsAsync(Admin, l3 => l3.AddAsync("LegalRegulatory", "WorksCouncil", "Works council"));
        var renamed = await AsAsync(Admin, l3 => l3.ChangeAsync("LegalRegulatory", "WorksCouncil", "Works council approval", null));
        var retired = await AsAsync(Admin, l3 => l3.ChangeAsync("LegalRegulatory", "WorksCouncil", null, true));
        var listed = await AsAsync(Admin, l3 => l3.ListAsync());
        var restored = await AsAsync(Admin, l3 => l3.ChangeAsync("LegalRegulatory", "WorksCouncil", null, false));

        Assert.True(added.Succeeded, added.Refusal?.Code);
        Assert.Equal("Works council approval", renamed.Value!.Name);
        Assert.Equal(June, retired.Value!.RetiredAt);
        Assert.Equal(("WorksCouncil", "Works council approval", (DateTimeOffset?)June), (listed.Single().Code, listed.Single().Name, listed.Single().RetiredAt));
        Assert.Null(restored.Value!.RetiredAt);
    }

    [Fact]
    public async Task Changes_OfAPartnersAdministratorOrAnotherRole_AreRefused_AndBadInputNamesTheField()
    {
        var partnerAdmin = new Caller("admin@partner-a.example", Ids.PartnerA, null, Role.Admin);

        Assert.Equal(RefusalCodes.Forbidden, (await AsAsync(partnerAdmin, l3 => l3.AddAsync("LegalRegulatory", "X", "X"))).Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, (await AsAsync(Seed.AsManager(), l3 => l3.AddAsync("LegalRegulatory", "X", "X"))).Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, (await AsAsync(partnerAdmin, l3 => l3.ChangeAsync("LegalRegulatory", "X", "Y", null))).Refusal?.Code);
        Assert.Equal((RefusalCodes.UnknownL2, "l2"), Of(await AsAsync(Admin, l3 => l3.AddAsync("NoSuchL2", "X", "X"))));
        Assert.Equal((RefusalCodes.ValueRequired, "name"), Of(await AsAsync(Admin, l3 => l3.AddAsync("LegalRegulatory", "X", " "))));
        Assert.Equal((RefusalCodes.L3NotFound, null), Of(await AsAsync(Admin, l3 => l3.ChangeAsync("LegalRegulatory", "X", "Y", null))));
        Assert.True((await AsAsync(Admin, l3 => l3.AddAsync("LegalRegulatory", "X", "X"))).Succeeded);
        Assert.Equal((RefusalCodes.L3Exists, "code"), Of(await AsAsync(Admin, l3 => l3.AddAsync("LegalRegulatory", "X", "Other"))));
        Assert.Equal((RefusalCodes.NothingToChange, null), Of(await AsAsync(Admin, l3 => l3.ChangeAsync("LegalRegulatory", "X", null, null))));
    }

    [Fact]
    public async Task ARetiredValue_IsNoNewChoice_ButStaysOnTheEntitlementThroughOtherEdits()
    {
        Assert.True((await AsAsync(Admin, l3 => l3.AddAsync("LegalRegulatory", "WorksCouncil", "Works council"))).Succeeded);
        var set = await ChangeAsync(Blocked("WorksCouncil"), 1);
        Assert.True(set.Succeeded, set.Refusal?.Code);
        Assert.True((await AsAsync(Admin, l3 => l3.ChangeAsync("LegalRegulatory", "WorksCouncil", null, true))).Succeeded);

        var kept = await ChangeAsync(Blocked("WorksCouncil", "Works council hearing moved to 12 March; approval expected then."), 2);
        var cleared = await ChangeAsync(Blocked(null, "Works council hearing moved to 12 March; approval expected then."), 3);
        var again = await ChangeAsync(Blocked("WorksCouncil", "Works council hearing moved to 12 March; approval expected then."), 4);

        Assert.True(kept.Succeeded, kept.Refusal?.Code);
        Assert.Equal("WorksCouncil", kept.Value!.L3);
        Assert.True(cleared.Succeeded, cleared.Refusal?.Code);
        Assert.Equal(RefusalCodes.UnknownL3, again.Refusal?.Code);
    }

    private static (string? Code, string? Field) Of<T>(Result<T> result)
        where T : notnull => (result.Refusal?.Code, result.Refusal?.Field);
}
