using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Testing;

/// <summary>
/// The real portal on a real loopback port (Kestrel, not the in-memory test server), on its own SQLite
/// file, with a small deterministic demo portfolio.
/// </summary>
public sealed class HeadwayServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public int DemoTenants { get; init; } = 40;

    public Uri BaseAddress { get; private set; } = null!;

    public TestDatabase Database => _database;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    /// <summary>A client with its own cookie jar that does not follow redirects.</summary>
    public HttpClient NewClient(string? acceptLanguage = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Headway", _database.ConnectionString);
        builder.UseSetting("Demo:Tenants", DemoTenants.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
