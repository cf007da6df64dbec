using Headway.Domain.Taxonomy;
using Headway.Web.Infrastructure;

namespace Headway.Web.Features.Culture;

public static class CultureEndpoint
{
    /// <summary>Remembers the chosen UI language in a cookie and returns to the page the user was on.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{lang}", (string lang, string? returnUrl, HttpContext http) =>
        {
            var chosen = SupportedLanguages.Normalize(lang);
            http.Response.Cookies.Append(HeadwayCultures.CookieName, chosen, new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });
            // Only a path on this site: not "//host" nor "/\host", which browsers read as another host.
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') &&
                         (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
                ? returnUrl
                : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
