using System.CommandLine;
using Headway.Application;
using Headway.Application.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Headway.Cli;

/// <summary>
/// Builds the same services and configuration as the portal: appsettings.json in the current folder,
/// then environment variables (ConnectionStrings__Headway, Database__Provider), then --connection and --provider.
/// </summary>
internal static class CliHost
{
    public static Option<string?> ConnectionOption { get; } = new("--connection")
    {
        Description = "Database connection string (default: ConnectionStrings:Headway, else Data Source=data/headway.db).",
        Recursive = true,
    };

    public static Option<string?> ProviderOption { get; } = new("--provider")
    {
        Description = "Database: Sqlite (default) or Postgres (default: Database:Provider).",
        Recursive = true,
    };

    public static async Task<IHost> StartAsync(ParseResult parse, CancellationToken ct)
    {
        var builder = Builder(parse);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHeadwayApplication(builder.Configuration);
        var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await HeadwayDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<HeadwayDbContext>(), ct);
        return host;
    }

    /// <summary>The configuration the commands read (and the portal would), without opening or migrating the database.</summary>
    public static IConfiguration Configuration(ParseResult parse) => Builder(parse).Configuration;

    private static HostApplicationBuilder Builder(ParseResult parse)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = false,
        });
        if (parse.GetValue(ConnectionOption) is { Length: > 0 } cs)
        {
            builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:Headway", cs)]);
        }

        if (parse.GetValue(ProviderOption) is { Length: > 0 } provider)
        {
            builder.Configuration.AddInMemoryCollection([new("Database:Provider", provider)]);
        }

        return builder;
    }
}
