using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Testing;

/// <summary>
/// The real portal on a real loopback port (Kestrel, not the in-memory test server), on its own database
/// (SQLite or PostgreSQL, see TestDatabase), with a small deterministic demo portfolio.
/// </summary>
public sealed class HeadwayServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public int DemoTenants { get; init; } = 40;

    public int SignInAttemptsPerMinute { get; init; } = 100_000;

    /// <summary>Failed sign-ins one address may make before it is paused; every test signs in from loopback, so high unless a test is about it.</summary>
    public int SignInFailuresPerAddress { get; init; } = 100_000;

    /// <summary>Each caller's API budget; off (0) unless a test is about it, since tests call far more often than a client.</summary>
    public int ApiRequestsPerMinute { get; init; }

    public Uri BaseAddress { get; private set; } = null!;

    public TestDatabase Database => _database;

    /// <summary>A database another server also runs on (a second web node); its owner deletes it.</summary>
    public TestDatabase? SharedDatabase { get; init; }

    /// <summary>Runs on a SQLite file in this folder, whatever provider the run is for (file-system faults are SQLite's).</summary>
    public string? SqliteFolder { get; init; }

    /// <summary>More configuration for this server (setting name, value).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Services this server's test adds or replaces, after the portal's own (an in-memory telemetry exporter).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public async Task InitializeAsync()
    {
        _database = SharedDatabase ?? await TestDatabase.CreateAsync(SqliteFolder is null ? null : false, SqliteFolder);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    /// <summary>The demo data's onboarding manager of the programme centre: programme-wide, assigned the centre's tenants.</summary>
    public const string Manager = "manager@centre.example";

    public const string Admin = "admin@centre.example";

    public const string DemoPassword = "Headway-Demo-2026!";

    private readonly Dictionary<string, string> _tokens = [];

    /// <summary>
    /// A client with its own cookie jar that does not follow redirects, signed in as <paramref name="user"/>
    /// (a demo user) with a bearer token from the real token endpoint; anonymous when null.
    /// </summary>
    public HttpClient NewClient(string? acceptLanguage = null, string? user = Manager)
    {
        var client = Anonymous(acceptLanguage);
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token(user));
        }

        return client;
    }

    /// <summary>
    /// A client signed in through the sign-in page as a browser is: with the portal's cookie and no bearer token, and
    /// the antiforgery token the pages carry for their scripts.
    /// </summary>
    /// <param name="user">Who signs in.</param>
    /// <param name="jar">Where the client keeps its cookies, for a test that presents them elsewhere too.</param>
    /// <param name="password">The user's password, when it is not the demo users'.</param>
    public async Task<(HttpClient Client, string FormToken)> CookieClientAsync(string user = Manager, CookieContainer? jar = null, string password = DemoPassword)
    {
        var client = Anonymous(null, jar);
        var login = await client.GetStringAsync("/account/login");
        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormToken(login),
            ["Email"] = user,
            ["Password"] = password,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {user} answered {(int)signedIn.StatusCode}.");
        }

        var page = await client.GetStringAsync("/tenants");
        var meta = System.Text.RegularExpressions.Regex.Match(page, "<meta name=\"request-verification-token\" content=\"([^\"]+)\"");
        return (client, WebUtility.HtmlDecode(meta.Groups[1].Value));
    }

    /// <summary>A GET that presents these cookies and nothing else, as a copy of them on another machine would.</summary>
    public async Task<HttpResponseMessage> GetWithCookiesAsync(string path, string cookieHeader)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request);
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    public static string FormToken(string html) => WebUtility.HtmlDecode(
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>A bearer token for a demo user, issued once per server.</summary>
    public string Token(string user)
    {
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(user, out var token))
            {
                using var client = Anonymous(null);
                var response = client.PostAsync("/api/v1/auth/token", System.Net.Http.Json.JsonContent.Create(new { email = user, password = DemoPassword }))
                    .GetAwaiter().GetResult();
                response.EnsureSuccessStatusCode();
                using var body = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                _tokens[user] = token = body.RootElement.GetProperty("token").GetString()!;
            }

            return token;
        }
    }

    private HttpClient Anonymous(string? acceptLanguage, CookieContainer? jar = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar ?? new CookieContainer() })
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
        // As the portal runs: a SQLite database through pooled connections, which the portal keeps open between requests.
        builder.UseSetting("ConnectionStrings:Headway", _database.PostgresDatabase is null
            ? _database.ConnectionString.Replace(";Pooling=False", "", StringComparison.Ordinal)
            : _database.ConnectionString);
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("Demo:Tenants", DemoTenants.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests sign in far more often than a person; the limit itself is tested with its own server.
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:SignInFailuresPerAddress", SignInFailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Api:RequestsPerMinute", ApiRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }

        if (TestServices is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }

    private bool _disposed;

    /// <summary>Stops the server and deletes its database (unless another server owns it).</summary>
    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (SharedDatabase is null && _database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
