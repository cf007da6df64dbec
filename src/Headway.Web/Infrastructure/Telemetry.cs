using System.Reflection;
using System.Security.Claims;
using Headway.Application.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Headway.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces, metrics and logs: ASP.NET Core, outgoing HTTP, every database command (EF Core, on both
/// databases), the runtime, and Headway's own (<see cref="HeadwayTelemetry"/>). Exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other standard <c>OTEL_*</c> variables);
/// <c>Telemetry:Enabled</c> turns collection on without an exporter, for a host that adds its own. Off, nothing is
/// collected and requests pay nothing for it. See docs/operations.md.
/// </summary>
public static class Telemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string EnabledSetting = "Telemetry:Enabled";

    private const string DeniedPath = "/account/denied";

    public static WebApplicationBuilder AddHeadwayTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration[OtlpEndpointSetting] is { Length: > 0 };
        if (!otlp && !builder.Configuration.GetValue<bool>(EnabledSetting))
        {
            return builder;
        }

        var version = typeof(Telemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "headway", serviceVersion: version))
            .WithTracing(t => t
                .AddSource(HeadwayTelemetry.Name)
                // Probes and static files would drown the requests people make.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsNoise(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(m => m
                .AddMeter(HeadwayTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Npgsql's own connection-pool and command metrics (PostgreSQL only).
                .AddMeter("Npgsql"))
            .WithLogging(_ => { }, o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            });
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsNoise(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/css")
        || path.StartsWithSegments("/js") || path.StartsWithSegments("/lib") || path.StartsWithSegments("/favicon.ico");

    /// <summary>
    /// Logs and counts every request refused for want of a right (403) or for a conflicting change (409, 412), whatever
    /// refused it: an authorization policy, a use case or a version check.
    /// </summary>
    public static IApplicationBuilder UseRefusalLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Headway.Web.Refusals");
        return app.Use(async (context, next) =>
        {
            await next(context);
            var status = context.Response.StatusCode;
            // A page refused is sent to the "not allowed" page: the refusal is of this request, not of that page's.
            if (status == StatusCodes.Status302Found && context.Response.Headers.Location.ToString().StartsWith(DeniedPath + "?", StringComparison.Ordinal))
            {
                status = StatusCodes.Status403Forbidden;
            }
            else if (context.Request.Path.StartsWithSegments(DeniedPath)
                || status is not (StatusCodes.Status403Forbidden or StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed))
            {
                return;
            }

            var user = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (status == StatusCodes.Status403Forbidden)
            {
                HeadwayLog.PermissionRefused(logger, context.Request.Method, context.Request.Path, status, user);
            }
            else
            {
                HeadwayLog.Conflict(logger, context.Request.Method, context.Request.Path, status, user);
            }

            HeadwayTelemetry.Refusals.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));
        });
    }
}
