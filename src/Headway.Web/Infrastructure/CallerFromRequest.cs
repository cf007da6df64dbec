using Headway.Application;

namespace Headway.Web.Infrastructure;

/// <summary>
/// The caller of a web request. Until sign-in exists every request is programme-wide; this is the one
/// place that will read the signed-in user's partner.
/// </summary>
public static class CallerFromRequest
{
    public static Caller Resolve(IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext;
        var name = http?.User.Identity is { IsAuthenticated: true, Name: { } n } ? n : "anonymous";
        return new Caller(name, null, http?.Connection.RemoteIpAddress?.ToString());
    }
}
