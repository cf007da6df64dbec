using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>Who an identity provider's answer lets in (the decision after the OpenID Connect round trip, which the browser tests cover).</summary>
public class ExternalSignInTests : SeededTests
{
    private static ExternalSignIn.Provider Centre(bool create = false) => new("Centre", "Centre ID", null, [], create, Role.Engineer);

    private Task<Result<HeadwayUser>> SignInAsync(ExternalSignIn.Provider provider, string email) =>
        Database.RunAsync(sp => sp.GetRequiredService<ExternalSignIn.Handler>().HandleAsync(new ExternalSignIn.Request(provider, email, "Someone")),
            new Caller("anonymous", -1));

    private async Task AddAsync(string email)
    {
        var added = await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().AddUserAsync(email, "Admin", null, "a long enough pass phrase 42"), Caller.System);
        Assert.True(added.Succeeded, added.Refusal?.Code);
    }

    [Fact]
    public async Task TheSameAddress_ButForTheCaseOfAsciiLetters_IsTheSamePerson_AndNothingElseIs()
    {
        await AddAsync("admin@centre.example");

        var upper = await SignInAsync(Centre(), "ADMIN@Centre.Example");
        var dotless = await SignInAsync(Centre(create: true), "admın@centre.example");

        Assert.True(upper.Succeeded, upper.Refusal?.Code);
        Assert.Equal("Centre", upper.Value!.ExternalProvider);
        Assert.Equal(RefusalCodes.ExternalSignInRefused, dotless.Refusal?.Code);
    }

    [Fact]
    public async Task AnotherOrganisationsUser_ADisabledUser_AndAStranger_AreRefused()
    {
        await AddAsync("lead@centre.example");
        await AddAsync("gone@centre.example");
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ManageUsers>().SetDisabledAsync("gone@centre.example", true), Caller.System)).Succeeded);
        var partnersProvider = new ExternalSignIn.Provider("PartnerA", "Partner A ID", Ids.PartnerA, [], true, Role.Manager);

        Assert.Equal(RefusalCodes.ExternalSignInRefused, (await SignInAsync(partnersProvider, "lead@centre.example")).Refusal?.Code);
        Assert.Equal(RefusalCodes.ExternalSignInRefused, (await SignInAsync(Centre(create: true), "gone@centre.example")).Refusal?.Code);
        Assert.Equal(RefusalCodes.ExternalNoAccount, (await SignInAsync(Centre(), "stranger@centre.example")).Refusal?.Code);
        Assert.Equal(RefusalCodes.ExternalSignInRefused,
            (await SignInAsync(Centre(create: true) with { EmailDomains = ["centre.example"] }, "someone@elsewhere.example")).Refusal?.Code);

        var created = await SignInAsync(partnersProvider, "new.fm@partner-a.example");
        Assert.True(created.Succeeded, created.Refusal?.Code);
        Assert.Equal((Role.Manager, (long?)Ids.PartnerA, "Someone"), (created.Value!.Role, created.Value.PartnerId, created.Value.DisplayName));
    }

    [Fact]
    public async Task ASharedProvider_PutsEachPersonInThePartnerOfTheirGroupOrDomain_AndRefusesEveryoneElse()
    {
        var shared = new ExternalSignIn.Provider("Shared", "Shared ID", null, [], true, Role.Engineer)
        {
            PartnerMatches = [new("grp-b", null, "Partner B"), new(null, "partner-a.example", "Partner A"), new("grp-gone", null, "No Such Partner")],
        };
        Task<Result<HeadwayUser>> AsAsync(string email, params string[] groups) =>
            Database.RunAsync(sp => sp.GetRequiredService<ExternalSignIn.Handler>().HandleAsync(new ExternalSignIn.Request(shared, email, "Someone", groups)),
                new Caller("anonymous", -1));

        var byGroup = await AsAsync("lee@partner-a.example", "other", "grp-b");
        var byDomain = await AsAsync("kim@PARTNER-A.example");
        var caseOfGroup = await AsAsync("ray@elsewhere.example", "GRP-B");
        var noPartner = await AsAsync("sam@elsewhere.example", "grp-gone");
        var again = await AsAsync("lee@partner-a.example");

        Assert.Equal((long?)Ids.PartnerB, byGroup.Value!.PartnerId);
        Assert.Equal((long?)Ids.PartnerA, byDomain.Value!.PartnerId);
        Assert.Equal((long?)Ids.PartnerB, caseOfGroup.Value!.PartnerId);
        Assert.Equal(RefusalCodes.ExternalSignInRefused, noPartner.Refusal?.Code);
        // Without the group, the same person now matches Partner A by domain: not the partner of their account.
        Assert.Equal(RefusalCodes.ExternalSignInRefused, again.Refusal?.Code);
    }
}
