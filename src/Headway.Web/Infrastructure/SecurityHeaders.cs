namespace Headway.Web.Infrastructure;

/// <summary>
/// Security headers on every response. The content security policy allows only the portal's own
/// scripts and styles (no inline script, no inline style attribute), so a note that slipped past
/// encoding still could not run.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Where a page whose scripts are not the portal's own leaves the policy it needs (<see cref="ThirdPartyPage"/>).</summary>
    public const string PolicyItem = "headway:content-security-policy";

    /// <summary>
    /// The policy of a page rendered by a library (the API reference): its scripts run only under the request's nonce,
    /// and it may set inline styles, which its components insert; everything else is as strict as everywhere.
    /// </summary>
    public static string ThirdPartyPage(string nonce) =>
        ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
            .Replace("style-src 'self';", "style-src 'self' 'unsafe-inline';", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[PolicyItem] as string ?? ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next();
    });
}
