using System.Globalization;
using Headway.Domain.Taxonomy;
using Microsoft.AspNetCore.Localization;

namespace Headway.Web.Infrastructure;

/// <summary>
/// The UI language of a request: an explicit <c>lang</c> query value, else the language cookie, else
/// Accept-Language; any regional variant maps onto en, zh-Hans, de or ja.
/// </summary>
public static class HeadwayCultures
{
    public const string CookieName = ".Headway.Culture";

    public static IReadOnlyList<CultureInfo> Supported { get; } =
        SupportedLanguages.All.Select(CultureInfo.GetCultureInfo).ToArray();

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = Supported.ToList(),
            SupportedUICultures = Supported.ToList(),
        };
        options.RequestCultureProviders.Clear();
        options.RequestCultureProviders.Add(new NormalizingProvider());
        return options;
    }

    private sealed class NormalizingProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var request = httpContext.Request;
            string? chosen = null;
            if (request.Query.TryGetValue("lang", out var q) && !string.IsNullOrWhiteSpace(q))
            {
                chosen = q.ToString();
            }
            else if (request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrWhiteSpace(cookie))
            {
                chosen = cookie;
            }
            else
            {
                var accept = request.GetTypedHeaders().AcceptLanguage;
                chosen = accept?.OrderByDescending(a => a.Quality ?? 1).Select(a => a.Value.ToString())
                    .FirstOrDefault(v => SupportedLanguages.Normalize(v) != SupportedLanguages.English || v.StartsWith("en", StringComparison.OrdinalIgnoreCase));
            }

            var lang = SupportedLanguages.Normalize(chosen);
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(lang, lang));
        }
    }
}
