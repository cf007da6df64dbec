using Headway.Application.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Headway.Web.Infrastructure;

/// <summary>
/// The organisations' identity providers (OpenID Connect), one per section <c>Authentication:Oidc:&lt;Name&gt;</c>:
/// <list type="bullet">
/// <item><c>Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>: the provider and Headway's registration there;</item>
/// <item><c>DisplayName</c>: the text of its button on the sign-in page (default: the name);</item>
/// <item><c>EmailClaim</c> (default <c>email</c>; Microsoft Entra ID often needs <c>preferred_username</c>) and <c>NameClaim</c> (default <c>name</c>);</item>
/// <item><c>Partner</c>: the partner whose users it signs in (its name); left out, the programme centre's;</item>
/// <item><c>EmailDomains</c>: the domains it may speak for (left out: any);</item>
/// <item><c>Partners:Groups:&lt;group&gt;</c> and <c>Partners:Domains:&lt;domain&gt;</c>: for a provider several partners share,
/// the partner (its name) of the people in a group (a value of <c>GroupClaim</c>, default <c>groups</c>) or at a domain; with
/// any, <c>Partner</c> is not allowed and a person who matches none is refused;</item>
/// <item><c>CreateUsers</c> (default false) and <c>DefaultRole</c> (default Manager): whether a person it signs in who has no
/// user yet gets one, and with which role;</item>
/// <item><c>RequireHttpsMetadata</c> (default true).</item>
/// </list>
/// Each becomes an authentication scheme <c>oidc-&lt;name&gt;</c> with its own callback path <c>/signin-oidc-&lt;name&gt;</c>.
/// </summary>
public static class IdentityProviders
{
    /// <summary>The cookie that holds the provider's answer between its callback and Headway's own sign-in, for minutes.</summary>
    public const string ExternalScheme = "Headway.External";

    public sealed record Settings(string Name, string DisplayName, string Authority, string ClientId, string? ClientSecret, string EmailClaim,
        string NameClaim, string? Partner, IReadOnlyList<string> EmailDomains, bool CreateUsers, Role DefaultRole, bool RequireHttpsMetadata)
    {
        public string Scheme => "oidc-" + Name.ToLowerInvariant();

        /// <summary>The claim whose values are the groups the person is in (Microsoft Entra ID: <c>groups</c>).</summary>
        public string GroupClaim { get; init; } = "groups";

        /// <summary>A shared provider's rules: which partner by group or domain (<see cref="ExternalSignIn.PartnerMatch"/>).</summary>
        public IReadOnlyList<ExternalSignIn.PartnerMatch> PartnerMatches { get; init; } = [];
    }

    /// <summary>The providers configured, in the order of the configuration; a section without an authority or client id is an error.</summary>
    public static IReadOnlyList<Settings> From(IConfiguration configuration)
    {
        var providers = new List<Settings>();
        foreach (var section in configuration.GetSection("Authentication:Oidc").GetChildren())
        {
            var name = section.Key;
            string Required(string key) => section[key] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Authentication:Oidc:{name}:{key} is required for the identity provider {name}.");
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new InvalidOperationException($"Authentication:Oidc:{name}: a provider's name has letters, digits, - and _ only.");
            }

            var role = section["DefaultRole"] is { Length: > 0 } r
                ? Enum.TryParse<Role>(r, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Authentication:Oidc:{name}:DefaultRole must be one of {string.Join(", ", Enum.GetNames<Role>())}.")
                : Role.Manager;
            providers.Add(new Settings(name, section["DisplayName"] is { Length: > 0 } d ? d : name, Required("Authority"), Required("ClientId"),
                section["ClientSecret"], section["EmailClaim"] is { Length: > 0 } e ? e : "email", section["NameClaim"] is { Length: > 0 } n ? n : "name",
                section["Partner"] is { Length: > 0 } p ? p : null,
                section.GetSection("EmailDomains").Get<string[]>() ?? (section["EmailDomains"] is { Length: > 0 } one ? one.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : []),
                section.GetValue("CreateUsers", false), role, section.GetValue("RequireHttpsMetadata", true))
            {
                GroupClaim = section["GroupClaim"] is { Length: > 0 } g ? g : "groups",
                PartnerMatches = Matches(section, name),
            });
        }

        return providers;
    }

    /// <summary>The <c>Partners:Groups</c> and <c>Partners:Domains</c> rules of a shared provider, groups first, each in the order configured.</summary>
    private static IReadOnlyList<ExternalSignIn.PartnerMatch> Matches(IConfigurationSection section, string name)
    {
        var matches = section.GetSection("Partners:Groups").GetChildren().Select(c => new ExternalSignIn.PartnerMatch(c.Key, null, c.Value ?? ""))
            .Concat(section.GetSection("Partners:Domains").GetChildren().Select(c => new ExternalSignIn.PartnerMatch(null, c.Key, c.Value ?? "")))
            .ToList();
        if (matches.Any(m => m.Partner.Length == 0))
        {
            throw new InvalidOperationException($"Authentication:Oidc:{name}:Partners: each group and domain names a partner.");
        }

        if (matches.Count > 0 && section["Partner"] is { Length: > 0 })
        {
            throw new InvalidOperationException($"Authentication:Oidc:{name}: a provider has either one Partner or Partners rules, not both.");
        }

        return matches;
    }

    /// <summary>Adds the external cookie and one OpenID Connect scheme per provider.</summary>
    public static AuthenticationBuilder AddIdentityProviders(this AuthenticationBuilder builder, IReadOnlyList<Settings> providers)
    {
        builder.Services.AddSingleton(providers);
        if (providers.Count == 0)
        {
            return builder;
        }

        builder.AddCookie(ExternalScheme, o =>
        {
            o.Cookie.Name = ".Headway.External";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
        });
        foreach (var p in providers)
        {
            builder.AddOpenIdConnect(p.Scheme, p.DisplayName, o =>
            {
                o.SignInScheme = ExternalScheme;
                o.Authority = p.Authority;
                o.ClientId = p.ClientId;
                o.ClientSecret = p.ClientSecret;
                o.CallbackPath = "/signin-oidc-" + p.Name.ToLowerInvariant();
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.RequireHttpsMetadata = p.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");
                // A refusal by the provider (the person cancelled, a misconfiguration) comes back to the sign-in page, not a 500.
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/account/login?external=" + Domain.Results.RefusalCodes.ExternalSignInRefused + "&provider=" + Uri.EscapeDataString(p.Name));
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        return builder;
    }
}
