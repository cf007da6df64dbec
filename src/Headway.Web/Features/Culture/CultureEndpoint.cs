using Headway.Application.Users;
using Headway.Domain.Taxonomy;
using Headway.Web.Infrastructure;

namespace Headway.Web.Features.Culture;

public static class CultureEndpoint
{
    /// <summary>Remembers the chosen UI language in a cookie and returns to the page the user was on.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{lang}", async (string lang, string? returnUrl, HttpContext http, UpdateProfile.Handler profile, CancellationToken ct) =>
        {
            var chosen = SupportedLanguages.Normalize(lang);
            Remember(http, chosen);
            if (http.User.Identity?.IsAuthenticated == true)
            {
                // A signed-in user's mail (the digest) is written in the language they last picked.
                await profile.HandleAsync(new UpdateProfile.Request(Language: chosen), ct);
            }

            // Only a path on this site: not "//host" nor "/\host", which browsers read as another host.
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') &&
                         (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
                ? returnUrl
                : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>Sets the language cookie that the request localization reads (<see cref="HeadwayCultures"/>).</summary>
    public static void Remember(HttpContext http, string language) =>
        http.Response.Cookies.Append(HeadwayCultures.CookieName, SupportedLanguages.Normalize(language), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            IsEssential = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
        });
}
