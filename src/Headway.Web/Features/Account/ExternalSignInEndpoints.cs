using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Web.Features.Account;

/// <summary>
/// Signing in through an identity provider: <c>/account/external/{provider}</c> sends the browser to the provider (OpenID
/// Connect, authorization code with PKCE); the provider's answer comes back to the scheme's callback, then to
/// <c>…/done</c>, where <see cref="ExternalSignIn"/> decides who the person is in Headway and the portal's own cookie is
/// issued. A refusal returns to the sign-in page, which says why.
/// </summary>
public static class ExternalSignInEndpoints
{
    /// <summary>The refusals the sign-in page explains after a provider's round trip.</summary>
    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
    {
        RefusalCodes.ExternalSignInRefused, RefusalCodes.ExternalNoAccount, RefusalCodes.ExternalEmailMissing,
    };

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/external/{provider}", Challenge).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/account/external/{provider}/done", CompleteAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Challenge(string provider, string? returnUrl, IReadOnlyList<IdentityProviders.Settings> providers)
    {
        if (Find(providers, provider) is not { } p)
        {
            return Results.NotFound();
        }

        var done = $"/account/external/{Uri.EscapeDataString(p.Name)}/done?returnUrl={Uri.EscapeDataString(Local(returnUrl))}";
        return Results.Challenge(new AuthenticationProperties { RedirectUri = done }, [p.Scheme]);
    }

    private static async Task<IResult> CompleteAsync(string provider, string? returnUrl, HttpContext http, IReadOnlyList<IdentityProviders.Settings> providers,
        ExternalSignIn.Handler handler, SignInManager<HeadwayUser> signIn, HeadwayDbContext db, CancellationToken ct)
    {
        if (Find(providers, provider) is not { } p)
        {
            return Results.NotFound();
        }

        var external = await http.AuthenticateAsync(IdentityProviders.ExternalScheme);
        await http.SignOutAsync(IdentityProviders.ExternalScheme);
        // The answer must come from the provider this address names: one provider's sign-in is never judged by another's
        // rules (its partner, its domains), or a partner's provider could speak for the centre's people.
        if (!external.Succeeded || external.Principal is not { } person
            || external.Properties?.Items.TryGetValue(AuthSchemeItem, out var scheme) != true || scheme != p.Scheme)
        {
            return Refused(p, RefusalCodes.ExternalSignInRefused);
        }

        // A provider that says the address is unverified does not get to match it to an account.
        if (string.Equals(person.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(p, RefusalCodes.ExternalSignInRefused);
        }

        long? partnerId = null;
        if (p.Partner is { } partnerName)
        {
            partnerId = await db.Partners.AsNoTracking().Where(x => x.Name == partnerName).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
            if (partnerId is null)
            {
                // A provider configured for a partner Headway does not have lets nobody in, rather than the centre's users.
                return Refused(p, RefusalCodes.ExternalSignInRefused);
            }
        }

        var email = person.FindFirst(p.EmailClaim)?.Value;
        var result = await handler.HandleAsync(new ExternalSignIn.Request(
            new ExternalSignIn.Provider(p.Name, p.DisplayName, partnerId, p.EmailDomains, p.CreateUsers, p.DefaultRole) { PartnerMatches = p.PartnerMatches },
            email, person.FindFirst(p.NameClaim)?.Value, person.FindAll(p.GroupClaim).Select(c => c.Value).ToList()), ct);
        if (!result.Succeeded)
        {
            return Refused(p, result.Refusal.Code, email);
        }

        await signIn.SignInAsync(result.Value, isPersistent: false);
        return Results.LocalRedirect(Local(returnUrl));
    }

    /// <summary>Where the remote handler records which scheme signed the external cookie in (RemoteAuthenticationHandler).</summary>
    private const string AuthSchemeItem = ".AuthScheme";

    private static IdentityProviders.Settings? Find(IReadOnlyList<IdentityProviders.Settings> providers, string name) =>
        providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Local(string? url) => url is { Length: > 0 } u && u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal) && !u.StartsWith("/\\", StringComparison.Ordinal)
        ? u
        : "/";

    private static IResult Refused(IdentityProviders.Settings provider, string code, string? email = null) =>
        Results.Redirect($"/account/login?external={code}&provider={Uri.EscapeDataString(provider.Name)}&as={Uri.EscapeDataString(email ?? "")}");
}
