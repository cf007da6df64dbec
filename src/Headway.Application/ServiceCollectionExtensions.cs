using Headway.Application.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Headway.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the database and every use-case handler. Hosts may replace <see cref="Caller"/>.</summary>
    public static IServiceCollection AddHeadwayApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<HeadwayDbContext>(o => HeadwayDatabase.Configure(o, configuration));
        services.TryAddScoped(_ => Caller.System);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Tenants.ListTenants.Handler>();
        services.AddScoped<Tenants.GetTenant.Handler>();
        services.AddScoped<Tenants.GetHistory.Handler>();
        services.AddScoped<Tenants.MarkDuplicate.Handler>();
        services.AddScoped<Tenants.ClearDuplicate.Handler>();
        services.AddScoped<Entitlements.ChangeStatus.Handler>();
        services.AddScoped<Entitlements.AddEntitlement.Handler>();
        services.AddScoped<Audit.SearchAudit.Handler>();
        services.AddScoped<Demo.DemoData>();
        return services;
    }
}
