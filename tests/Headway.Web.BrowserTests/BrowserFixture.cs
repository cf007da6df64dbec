using Headway.Testing;
using Microsoft.Playwright;

namespace Headway.Web.BrowserTests;

/// <summary>The portal on a loopback port and the machine's Chromium, driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public HeadwayServer Server { get; } = new() { DemoTenants = 100 };

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Server).InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HEADWAY_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A fresh browser context (own cookies) in a UI language, signed in through the sign-in page as
    /// <paramref name="user"/> (a demo user), or anonymous when null.
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", string? user = HeadwayServer.Manager)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        var page = await context.NewPageAsync();
        if (user is not null)
        {
            await new Pages.SignInPage(page).SignInAsync(user, HeadwayServer.DemoPassword);
        }

        return page;
    }

    /// <summary>The id of the n-th tenant assigned to the centre's demo manager (who may edit it).</summary>
    public async Task<long> AssignedTenantAsync(int index)
    {
        using var client = Server.NewClient();
        var list = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/api/v1/tenants?pageSize=200&sort=seats");
        return list.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean() && t.GetProperty("entitlements").GetInt32() >= 4)
            .Select(t => t.GetProperty("id").GetInt64())
            .ElementAt(index);
    }

    /// <summary>Saves a screenshot under test-output/screenshots at the repository root.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = OutputPath(name + ".png"), FullPage = false });

    /// <summary>A file under test-output/screenshots at the repository root.</summary>
    public static string OutputPath(string file)
    {
        var dir = Path.Combine(RepositoryRoot(), "test-output", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, file);
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Headway.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Headway.slnx not found.");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await ((IAsyncLifetime)Server).DisposeAsync();
    }
}

/// <summary>
/// Every browser test shares one portal and one Chromium, and runs one at a time: on two cores, parallel
/// browsers and servers starved each other into timeouts. Each test works on tenants of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
