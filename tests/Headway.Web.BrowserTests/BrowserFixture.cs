using Headway.Testing;
using Microsoft.Playwright;

namespace Headway.Web.BrowserTests;

/// <summary>The portal on a loopback port and the machine's Chromium, driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public HeadwayServer Server { get; } = new() { DemoTenants = 60 };

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

    /// <summary>A fresh browser context (own cookies) in a UI language.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot under test-output/screenshots at the repository root.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(RepositoryRoot(), "test-output", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = false });
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
