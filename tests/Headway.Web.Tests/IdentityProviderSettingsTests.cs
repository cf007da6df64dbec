using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Headway.Web.Tests;

/// <summary>How an identity provider's section is read: a shared provider's partner rules, and settings that contradict each other.</summary>
public class IdentityProviderSettingsTests
{
    private static IReadOnlyList<IdentityProviders.Settings> Read(params (string Key, string Value)[] settings) =>
        IdentityProviders.From(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Authentication:Oidc:Net:Authority"] = "https://id.example/", ["Authentication:Oidc:Net:ClientId"] = "headway" }
                .Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build());

    [Fact]
    public void ASharedProvidersRules_AreReadGroupsFirst_WithItsGroupClaim()
    {
        var provider = Assert.Single(Read(
            ("Authentication:Oidc:Net:GroupClaim", "roles"),
            ("Authentication:Oidc:Net:Partners:Domains:bluefield.example", "Bluefield Partners"),
            ("Authentication:Oidc:Net:Partners:Groups:6f1c2a9e-0000-4000-8000-000000000001", "Kestrel Cloud")));

        Assert.Equal("roles", provider.GroupClaim);
        Assert.Equal(
            [new ExternalSignIn.PartnerMatch("6f1c2a9e-0000-4000-8000-000000000001", null, "Kestrel Cloud"), new ExternalSignIn.PartnerMatch(null, "bluefield.example", "Bluefield Partners")],
            provider.PartnerMatches);
        Assert.Equal("groups", Assert.Single(Read()).GroupClaim);
    }

    [Fact]
    public void OnePartnerAndPartnerRules_OrARuleWithoutAPartner_StopTheStart()
    {
        var both = Assert.Throws<InvalidOperationException>(() => Read(("Authentication:Oidc:Net:Partner", "Bluefield Partners"),
            ("Authentication:Oidc:Net:Partners:Groups:staff", "Kestrel Cloud")));
        var empty = Assert.Throws<InvalidOperationException>(() => Read(("Authentication:Oidc:Net:Partners:Domains:kestrel.example", "")));

        Assert.Contains("either one Partner or Partners rules", both.Message, StringComparison.Ordinal);
        Assert.Contains("names a partner", empty.Message, StringComparison.Ordinal);
    }
}
