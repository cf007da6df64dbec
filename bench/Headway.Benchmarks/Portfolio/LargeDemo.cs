using Headway.Application;
using Headway.Application.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Benchmarks.Portfolio;

/// <summary>The application's services on a large demo file named by <c>HEADWAY_BENCH_DB</c>, for one signed-in caller.</summary>
internal static class LargeDemo
{
    public static ServiceProvider Services(string userName, Role role = Role.Manager)
    {
        var file = Environment.GetEnvironmentVariable("HEADWAY_BENCH_DB") is { Length: > 0 } f && File.Exists(f)
            ? f
            : throw new InvalidOperationException("Set HEADWAY_BENCH_DB to a demo database file (headway demo --tenants 100000).");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Headway"] = "Data Source=" + file })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddScoped<ICallerSource>(_ => new FixedCaller(new Caller(userName, null, null, role)));
        services.AddHeadwayApplication(configuration);
        return services.BuildServiceProvider();
    }
}
