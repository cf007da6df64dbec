using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Behind a load balancer or reverse proxy that ends TLS, the portal sees plain HTTP from the proxy's address. With
/// <c>ForwardedHeaders:Enabled</c> it takes the client's address, scheme and host from the proxy's X-Forwarded-*
/// headers, but only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), so cookies are Secure, sign-in limits count the real client
/// and links use the public host. HTTPS answers carry Strict-Transport-Security (<c>Security:HstsMaxAgeDays</c>,
/// 180 unless configured; 0 turns it off).
/// </summary>
public static class ProxySupport
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        var days = configuration.GetValue("Security:HstsMaxAgeDays", 180);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(Math.Max(days, 0));
            o.IncludeSubDomains = false;
        });
        return services;
    }

    public static IApplicationBuilder UseProxySupport(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        if (app.Configuration.GetValue("Security:HstsMaxAgeDays", 180) > 0 && !app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }
}
