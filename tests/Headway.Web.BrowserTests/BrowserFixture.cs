using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;
using Microsoft.Playwright;

namespace Headway.Web.BrowserTests;

/// <summary>The portal on a loopback port and the machine's Chromium, driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    /// <summary>The address the portal's mails link to; <see cref="InPortal"/> turns such a link into one of this server.</summary>
    public const string PortalUrl = "https://headway.test/portal/";

    public HeadwayServer Server { get; private set; } = null!;

    /// <summary>The mail server the portal sends through (a real SMTP server on loopback).</summary>
    public SmtpSink Smtp { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        Server = new HeadwayServer
        {
            DemoTenants = 175,
            Settings = new Dictionary<string, string>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:SecureSocket"] = "None",
                ["Email:Smtp:From"] = "Headway <headway@centre.example>",
                ["Email:PortalUrl"] = PortalUrl,
                // No digest pass during the run: the job wakes after this long.
                ["Email:Digest:CheckEvery"] = "01:00:00",
            },
        };
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

    // Read once, on the first test that asks; each take then removes its tenant under the list's lock.
    private readonly Lazy<Task<List<DemoTenant>>> _untaken;

    public BrowserFixture() => _untaken = new(SeededTenantsAsync);

    /// <summary>
    /// A seeded tenant that no other test of the run has been given, so tests that write to their tenants never
    /// meet, whatever order they run in. It is looked after by <paramref name="manager"/> (a demo user, who may
    /// edit it), belongs to <paramref name="partner"/> (null: the programme centre's own), is not flagged
    /// duplicate and holds at least <paramref name="entitlements"/> entitlements. Smallest tenants first.
    /// </summary>
    public async Task<DemoTenant> TakeTenantAsync(int entitlements = 1, string manager = HeadwayServer.Manager, string? partner = null)
    {
        var untaken = await _untaken.Value;
        lock (untaken)
        {
            var tenant = untaken.Find(t => t.Manager == manager && t.Partner == partner && t.Entitlements >= entitlements)
                ?? throw new InvalidOperationException(
                    $"No demo tenant left of {partner ?? "the centre"} managed by {manager} with {entitlements} entitlements; seed more (DemoTenants).");
            untaken.Remove(tenant);
            return tenant;
        }
    }

    /// <summary>
    /// Every seeded tenant that is not a duplicate and that nobody asked a summary of yet (the demo asks for a few, and a
    /// second request of the same person is refused), by seats, read once through the API as the programme-wide manager.
    /// </summary>
    private async Task<List<DemoTenant>> SeededTenantsAsync()
    {
        using var client = Server.NewClient();
        var requested = new HashSet<long>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/summary-requests?pageSize=200&page={page}");
            requested.UnionWith(list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("tenantId").GetInt64()));
            if (page * 200 >= list.GetProperty("total").GetInt32())
            {
                break;
            }
        }

        var tenants = new List<DemoTenant>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?pageSize=200&sort=seats&page={page}");
            var items = list.GetProperty("items");
            tenants.AddRange(items.EnumerateArray()
                .Where(t => !t.GetProperty("duplicate").GetBoolean() && !requested.Contains(t.GetProperty("id").GetInt64()))
                .Select(t => new DemoTenant(
                    t.GetProperty("id").GetInt64(), t.GetProperty("name").GetString() ?? "", t.GetProperty("partner").GetString(),
                    t.GetProperty("manager").GetString(), t.GetProperty("entitlements").GetInt32())));
            if (page * 200 >= list.GetProperty("total").GetInt32())
            {
                return tenants;
            }
        }
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

    /// <summary>A link of a mail, as a path of this server.</summary>
    public static string InPortal(string link) =>
        link.StartsWith(PortalUrl, StringComparison.Ordinal) ? "/" + link[PortalUrl.Length..] : throw new ArgumentException($"{link} is not a portal link.");

    /// <summary>The latest mail to <paramref name="user"/>, waiting up to 15 seconds for it to arrive.</summary>
    public async Task<MimeKit.MimeMessage> MailToAsync(string user)
    {
        for (var i = 0; i < 60; i++)
        {
            if (Smtp.Messages().LastOrDefault(m => m.To.Mailboxes.Single().Address == user) is { } mail)
            {
                return mail;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No mail to {user} arrived.");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await ((IAsyncLifetime)Server).DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>A seeded demo tenant as the tenant list shows it, handed to one test.</summary>
public sealed record DemoTenant(long Id, string Name, string? Partner, string? Manager, int Entitlements);

/// <summary>
/// Every browser test shares one portal and one Chromium, and runs one at a time: on two cores, parallel
/// browsers and servers starved each other into timeouts. Each test works on tenants of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
