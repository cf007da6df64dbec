using System.Globalization;
using Headway.Application.Data;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Diagnostics;

namespace Headway.Web.Infrastructure;

/// <summary>
/// How a request that cannot be served is answered, the same for every endpoint: API requests get an RFC 7807
/// problem with a stable code in the request's language; pages get the error page inside the layout (status
/// codes are re-executed to <c>/error/{status}</c>). A database that cannot serve (down, restarting, full,
/// read-only, locked, or held by an import on SQLite) is 503 with Retry-After, never a 500, and a page that was
/// posted shows the user what they typed so nothing is lost.
/// </summary>
public static class ErrorResponses
{
    /// <summary>Where the refusal of a page request waits for the error page.</summary>
    public const string RefusalItem = "headway:refusal";

    public static IServiceCollection AddErrorResponses(this IServiceCollection services)
    {
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = CompleteFrameworkProblem);
        return services;
    }

    /// <summary>
    /// A problem the framework wrote itself (no route, a method the route does not take, no token, a request past its
    /// budget) gets a code and a message in the reader's language like every refusal of Headway's own.
    /// </summary>
    private static void CompleteFrameworkProblem(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var http = context.HttpContext;
        var refusal = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => Refusal.Of(RefusalCodes.NotSignedIn),
            StatusCodes.Status403Forbidden => Refusal.Of(RefusalCodes.Forbidden),
            StatusCodes.Status404NotFound => Refusal.Of(RefusalCodes.NoSuchAddress, http.Request.Path.Value ?? "/"),
            StatusCodes.Status405MethodNotAllowed => Refusal.Of(RefusalCodes.MethodNotAllowed, http.Request.Method),
            StatusCodes.Status415UnsupportedMediaType => Refusal.Of(RefusalCodes.UnsupportedMediaType, ApiBodies.Json, http.Request.ContentType ?? "—"),
            StatusCodes.Status413PayloadTooLarge => Refusal.Of(RefusalCodes.RequestTooLarge,
                (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0).ToString(CultureInfo.InvariantCulture)),
            StatusCodes.Status429TooManyRequests => Refusal.Of(RefusalCodes.TooManyRequests,
                http.Response.Headers.RetryAfter.Count > 0 ? http.Response.Headers.RetryAfter.ToString() : "60"),
            StatusCodes.Status400BadRequest => Refusal.Of(RefusalCodes.MalformedRequest, problem.Detail ?? problem.Title ?? ""),
            >= 500 => Refusal.Of(RefusalCodes.InternalError, http.TraceIdentifier),
            _ => null,
        };
        if (refusal is null)
        {
            return;
        }

        var message = refusal.Message(CultureInfo.CurrentUICulture.Name);
        problem.Type = "urn:headway:problem:" + refusal.Code;
        problem.Title = message;
        problem.Detail = message;
        problem.Extensions["code"] = refusal.Code;
    }

    /// <summary>Error pages for pages, problems for the API; database faults are 503 either way.</summary>
    public static IApplicationBuilder UseErrorResponses(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = e => DatabaseFaults.Is(e) ? StatusCodes.Status503ServiceUnavailable
                : ClientFault(e) is { } client ? Problems.StatusOf(client.Code) : StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(c => RequestGuard.IsApi(c.Request), api => api.UseStatusCodePages());
        app.UseWhen(c => !RequestGuard.IsApi(c.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    /// <summary>Answers a refusal found before any endpoint ran: a problem for the API, the error page for a page.</summary>
    public static async Task RefuseAsync(HttpContext context, Refusal refusal)
    {
        if (RequestGuard.IsApi(context.Request))
        {
            await Problems.From(refusal).ExecuteAsync(context);
            return;
        }

        context.Items[RefusalItem] = refusal;
        context.Response.StatusCode = Problems.StatusOf(refusal.Code);
    }

    /// <summary>
    /// A request the framework could not read: a form holding a NUL (the form reader refuses it with an exception), a
    /// body cut short or too large. The client's fault, answered 4xx with a code like any refusal.
    /// </summary>
    public static Refusal? ClientFault(Exception exception) => exception switch
    {
        InvalidDataException => Refusal.Of(RefusalCodes.FormUnreadable),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Refusal.Of(RefusalCodes.RequestTooLarge, "—"),
        BadHttpRequestException bad => Refusal.Of(RefusalCodes.MalformedRequest, bad.Message),
        _ => null,
    };

    /// <summary>Sets Retry-After and the status of a database fault; the refusal says what happened.</summary>
    public static Refusal? DatabaseFault(HttpContext context, Exception exception)
    {
        if (DatabaseFaults.Classify(exception) is not var (refusal, seconds))
        {
            return null;
        }

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return refusal;
    }

    /// <summary>Unhandled exceptions of API requests: database faults as 503 problems, anything else as a 500 problem with the request id.</summary>
    private sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var fault = DatabaseFaults.Classify(exception);
            if (fault is not null)
            {
                logger.LogWarning(EventIds.DatabaseUnavailable, "Database could not serve {Method} {Path}: {Reason}", context.Request.Method,
                    context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value, DatabaseFaults.Describe(exception));
            }

            // By now the request's path may already point at the error page; the feature keeps the original.
            var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
            if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
            {
                // Pages: the exception handler re-executes /error, which renders the page (and keeps a posted form).
                return false;
            }

            if (fault is var (refusal, seconds))
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.From(refusal).ExecuteAsync(context);
                return true;
            }

            if (ClientFault(exception) is { } client)
            {
                await Problems.From(client).ExecuteAsync(context);
                return true;
            }

            logger.LogError(EventIds.UnhandledException, exception, "Unhandled exception in {Method} {Path}", context.Request.Method, path);
            await Problems.From(Refusal.Of(RefusalCodes.InternalError, context.TraceIdentifier)).ExecuteAsync(context);
            return true;
        }
    }
}

/// <summary>Event ids of the structured log events the portal writes.</summary>
public static class EventIds
{
    public static readonly EventId DatabaseUnavailable = new(5030, nameof(DatabaseUnavailable));
    public static readonly EventId UnhandledException = new(5000, nameof(UnhandledException));
}
