using System.Globalization;
using System.Security.Cryptography;
using Headway.Web.Infrastructure;
using Scalar.AspNetCore;

namespace Headway.Web.Features.ApiReference;

/// <summary>
/// The API reference for signed-in users: the OpenAPI document (<c>/openapi/v1.json</c>) rendered by Scalar, in the
/// reader's language, with requests tried against this portal under the reader's own session. Nothing is fetched from
/// elsewhere (no web fonts, no telemetry, no AI chat); its scripts run under a nonce of the request, its styles are the
/// only inline ones the portal allows, on this page alone.
/// </summary>
public static class ApiReferencePage
{
    public const string Path = "/api-reference";

    /// <summary>Where the page is read (the reference redirects its path without the trailing slash here).</summary>
    public const string Link = Path + "/";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, (options, http) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            http.Items[SecurityHeaders.PolicyItem] = SecurityHeaders.ThirdPartyPage(nonce);
            options.WithTitle("Headway API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithNonce(nonce)
                .WithLocalization(new ScalarLocalizationOptions { Locale = CultureInfo.CurrentUICulture.Name })
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp();
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
        }).RequireAuthorization();
        return app;
    }
}
