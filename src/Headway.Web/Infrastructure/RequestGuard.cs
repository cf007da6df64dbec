using Headway.Domain.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Headway.Web.Infrastructure;

/// <summary>
/// What every request must be before an endpoint sees it, checked in one place after sign-in and authorization:
/// <list type="bullet">
/// <item>a state-changing API request that a browser's cookie signed in carries the antiforgery token (a page on
/// another site can make the browser send the cookie, never the token); bearer-token requests need none;</item>
/// <item>its body is of a type the endpoint declares (<c>Accepts</c>, which the OpenAPI document shows too), and an
/// endpoint that declares none takes no body;</item>
/// <item>no query or route value holds a control or direction-override character (<see cref="TextRules"/>).</item>
/// </list>
/// Refusals are problems with a stable code in the request's language; pages get the error page.
/// </summary>
public static class RequestGuard
{
    /// <summary>The header the portal's scripts send the antiforgery token in.</summary>
    public const string TokenHeader = "RequestVerificationToken";

    public static IApplicationBuilder UseRequestGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (await RefusalAsync(context) is { } refusal)
        {
            await ErrorResponses.RefuseAsync(context, refusal);
            return;
        }

        await next();
    });

    private static async Task<Refusal?> RefusalAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            foreach (var value in values)
            {
                if (TextRules.Check(name, value) is { } refusal)
                {
                    return refusal;
                }
            }
        }

        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && TextRules.Check(name, text) is { } refusal)
            {
                return refusal;
            }
        }

        if (!IsApi(context.Request) || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || context.GetEndpoint() is not { } endpoint)
        {
            return null;
        }

        if (IsSignedInByCookie(context) && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            try
            {
                await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return Refusal.Of(RefusalCodes.AntiforgeryTokenInvalid);
            }
        }

        return ContentTypeRefusal(context.Request, endpoint);
    }

    /// <summary>The display name of the endpoint routing picks when no endpoint of the path takes the body's type.</summary>
    private const string RoutingUnsupportedMediaType = "415 HTTP Unsupported Media Type";

    /// <summary>
    /// A body of a type no endpoint of its path takes, from a caller not signed in, is answered 415 before authorization.
    /// Routing answers it with an endpoint of its own, which carries no AllowAnonymous, so the caller would otherwise be
    /// asked to sign in (401) for a request that cannot succeed signed in either, even on the sign-in and password-reset
    /// endpoints. A signed-in caller meets the guard below, which checks a cookie's antiforgery token first.
    /// </summary>
    public static IApplicationBuilder UseMediaTypeRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsApi(context.Request) && context.User.Identity?.IsAuthenticated != true && context.GetEndpoint() is { DisplayName: RoutingUnsupportedMediaType })
        {
            await ErrorResponses.RefuseAsync(context, ApiBodies.UnsupportedMediaType(context.Request, "—"));
            return;
        }

        await next();
    });

    /// <summary>The body must be of a type the endpoint accepts; an endpoint that accepts none takes no body.</summary>
    private static Refusal? ContentTypeRefusal(HttpRequest request, Endpoint endpoint)
    {
        var accepted = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes).ToList();
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || !string.IsNullOrEmpty(request.ContentType);
        if (accepted.Count == 0)
        {
            return hasBody ? ApiBodies.UnsupportedMediaType(request, "—") : null;
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var sent)
            && accepted.Any(a => MediaTypeHeaderValue.TryParse(a, out var type) && sent.IsSubsetOf(type)))
        {
            return null;
        }

        return ApiBodies.UnsupportedMediaType(request, string.Join(", ", accepted));
    }

    /// <summary>
    /// A request refused before its body was read (not signed in, not allowed, too large) ends its connection, so
    /// the server does not read the rest of an upload nobody will use. Clients that send Expect: 100-continue send
    /// nothing at all.
    /// </summary>
    public static IApplicationBuilder UseUnreadBodyClose(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var request = context.Request;
            if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status413PayloadTooLarge
                or StatusCodes.Status415UnsupportedMediaType && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0))
            {
                context.Response.Headers.Connection = "close";
            }

            return Task.CompletedTask;
        });
        await next();
    });

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>A signed-in user whose request presents no bearer token was signed in by the portal's cookie.</summary>
    private static bool IsSignedInByCookie(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
