using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Headway.Domain.Results;
using Microsoft.AspNetCore.RateLimiting;

namespace Headway.Web.Infrastructure;

/// <summary>
/// What every API answer does, whatever endpoint gave it: it is never stored by a cache (it is one caller's data),
/// a 401 says how to authenticate (<c>WWW-Authenticate: Bearer</c>), and each signed-in caller has a budget of
/// requests (<c>Api:RequestsPerMinute</c>, a token bucket that refills every second); past it the answer is 429 with
/// <c>Retry-After</c> and the problem <c>TooManyRequests</c> in the caller's language.
/// </summary>
public static class ApiConventions
{
    public const string RequestsPerMinuteSetting = "Api:RequestsPerMinute";

    /// <summary>Generous for a person and a nightly sync alike; 0 turns the limit off.</summary>
    public const int DefaultRequestsPerMinute = 6000;

    public static IServiceCollection AddApiConventions(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue(RequestsPerMinuteSetting, DefaultRequestsPerMinute);
        if (perMinute < 0)
        {
            throw new InvalidOperationException($"{RequestsPerMinuteSetting} is {perMinute}; give a number of requests, or 0 for no limit.");
        }

        services.Configure<RateLimiterOptions>(o =>
        {
            if (perMinute > 0)
            {
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    // Anonymous requests (the token endpoint) have the sign-in limit; pages have none of this one.
                    RequestGuard.IsApi(context.Request) && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
                        ? RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = perMinute,
                            TokensPerPeriod = Math.Max(1, perMinute / 60),
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                        })
                        : RateLimitPartition.GetNoLimiter(""));
            }

            o.OnRejected = async (rejected, ct) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                var context = rejected.HttpContext;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var refusal = Refusal.Of(RefusalCodes.TooManyRequests, seconds.ToString(CultureInfo.InvariantCulture));
                if (RequestGuard.IsApi(context.Request))
                {
                    await Problems.From(refusal).ExecuteAsync(context);
                }
                else
                {
                    // The error page, in the layout and the reader's language, says when to try again.
                    context.Items[ErrorResponses.RefusalItem] = refusal;
                }
            };
        });
        return services;
    }

    public static IApplicationBuilder UseApiConventions(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (RequestGuard.IsApi(context.Request))
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && !headers.ContainsKey("WWW-Authenticate"))
                {
                    headers.WWWAuthenticate = "Bearer realm=\"Headway\"";
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    });
}
