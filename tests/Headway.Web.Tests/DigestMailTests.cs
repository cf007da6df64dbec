using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Headway.Web.Tests;

/// <summary>The portal configured with a real SMTP server on loopback: a digest pass, then the mail as the server received it.</summary>
public class DigestMailTests
{
    private const string PortalUrl = "https://headway.test/portal";

    internal static Dictionary<string, string> MailSettings(SmtpSink smtp, string checkEvery = "01:00:00") => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:SecureSocket"] = "None",
        ["Email:Smtp:From"] = "Headway <headway@centre.example>",
        ["Email:PortalUrl"] = PortalUrl,
        // Due at any hour of today; the job itself wakes only after CheckEvery.
        ["Email:Digest:HourUtc"] = "0",
        ["Email:Digest:CheckEvery"] = checkEvery,
    };

    [Fact]
    public async Task DigestPass_MailsEachRecipientInTheirLanguage_WithLinksBackToThePortal()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var server = new HeadwayServer { Settings = MailSettings(smtp) };
        await server.InitializeAsync();
        const string German = HeadwayServer.Manager;
        const string Japanese = "manager@bluefield.example";
        const string OptedOut = "manager@kestrel.example";
        var germanTenant = await SetUpAsync(server, German, "de", "Daily", "Call <b>Ops</b> & confirm the cut-over");
        var japaneseTenant = await SetUpAsync(server, Japanese, "ja", "Daily", "移行日をパートナーと確認する");
        await SetUpAsync(server, OptedOut, "de", "Off", null);

        SendDigests.Outcome outcome;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<SendDigests.Handler>().RunOnceAsync();
        }

        var messages = await smtp.WaitForAsync(outcome.Sent, TimeSpan.FromSeconds(20));
        var rows = await server.Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return await db.DigestDeliveries.Join(db.Users, d => d.UserId, u => u.Id, (d, u) => new { u.Email, d.Items, d.SentAt }).ToListAsync();
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        Assert.Equal(outcome.Sent, messages.Count);
        Assert.Equal(rows.Count(r => r.SentAt is not null), messages.Count);
        Assert.DoesNotContain(rows, r => r.Email == OptedOut);
        Assert.DoesNotContain(messages, m => To(m) == OptedOut);
        // A product analyst has no work list: a digest with nothing in it is recorded and never sent.
        Assert.Contains(rows, r => r.Email == "product-analyst@centre.example" && r.Items == 0 && r.SentAt is null);
        Assert.DoesNotContain(messages, m => To(m).StartsWith("product-analyst@", StringComparison.Ordinal));

        var german = Assert.Single(messages, m => To(m) == German);
        var japanese = Assert.Single(messages, m => To(m) == Japanese);
        foreach (var (message, email, lang, tenant) in new[] { (german, German, "de", germanTenant), (japanese, Japanese, "ja", japaneseTenant) })
        {
            var strings = UiStringFiles.Load(lang);
            var culture = CultureInfo.GetCultureInfo(lang);
            var items = rows.Single(r => r.Email == email).Items;
            Assert.Equal(string.Format(culture, strings["DigestSubjectMany"], today.ToString("D", culture), items), message.Subject);
            Assert.Equal("headway@centre.example", message.From.Mailboxes.Single().Address);
            Assert.IsType<MultipartAlternative>(message.Body);
            foreach (var body in new[] { message.TextBody, message.HtmlBody })
            {
                Assert.Contains(strings["DigestIntro"], body, StringComparison.Ordinal);
                Assert.Contains(strings["DigestGroupDueToday"], body, StringComparison.Ordinal);
                Assert.Contains($"{PortalUrl}/tenants/{tenant}", body, StringComparison.Ordinal);
                Assert.Contains($"{PortalUrl}/account/profile", body, StringComparison.Ordinal);
                Assert.DoesNotContain(UiStringFiles.Load("en")["DigestIntro"], body, StringComparison.Ordinal);
            }

            Assert.Contains($"href=\"{PortalUrl}/tenants/{tenant}\"", message.HtmlBody, StringComparison.Ordinal);
        }

        // What users wrote is text in the HTML part, never markup.
        Assert.Contains("Call &lt;b&gt;Ops&lt;/b&gt; &amp; confirm the cut-over", german.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Ops</b>", german.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Call <b>Ops</b> & confirm the cut-over", german.TextBody, StringComparison.Ordinal);
        Assert.Contains("移行日をパートナーと確認する", japanese.TextBody, StringComparison.Ordinal);

        // A second pass sends nothing more.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<SendDigests.Handler>().RunOnceAsync()).Sent);
        }

        Assert.Equal(messages.Count, smtp.Messages().Count);
    }

    [Fact]
    public async Task Start_WithAHostButNoSender_StopsWithAMessageNamingTheSetting()
    {
        await using var server = new HeadwayServer
        {
            DemoTenants = 0,
            Settings = new Dictionary<string, string> { ["Email:Smtp:Host"] = "127.0.0.1", ["Email:PortalUrl"] = "not a url" },
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(server.InitializeAsync);

        var message = error.ToString();
        Assert.Contains("Email:Smtp:From is required", message, StringComparison.Ordinal);
        Assert.Contains("Email:PortalUrl must be the portal's absolute http(s) address", message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The user's language and digest frequency through the API, and, when an action is given, an overall note on one of
    /// their tenants whose next action is due today. Returns that tenant.
    /// </summary>
    private static async Task<long> SetUpAsync(HeadwayServer server, string user, string language, string digest, string? action)
    {
        using var client = server.NewClient(user: user);
        var put = await client.PutAsJsonAsync("/api/v1/profile", new { language, digest });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200");
        var tenant = list.GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == user && !t.GetProperty("duplicate").GetBoolean()).GetProperty("id").GetInt64();
        if (action is not null)
        {
            var note = await client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/notes", new
            {
                type = "EngagementManagement",
                text = "Weekly call held with the customer's IT lead.",
                nextAction = action,
                nextActionDate = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        }

        return tenant;
    }

    private static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;
}
