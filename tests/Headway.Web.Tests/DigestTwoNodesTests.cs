using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Web.Tests;

/// <summary>
/// Two portals on one PostgreSQL database, each running the digest job every second against one SMTP server, and
/// passes started on both at the same moment besides: every opted-in user's digest is claimed once and mailed once.
/// </summary>
public class DigestTwoNodesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [PostgresFact]
    public async Task BothNodesRunTheJob_EachOptedInUserGetsExactlyOneDigest()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var database = await TestDatabase.CreateAsync(postgres: true);
        var settings = DigestMailTests.MailSettings(smtp, checkEvery: "00:00:01");
        await using var a = new HeadwayServer { SharedDatabase = database, DemoTenants = 10, Settings = new Dictionary<string, string>(settings) { ["Email:Digest:Node"] = "node-a" } };
        await a.InitializeAsync();
        await using var b = new HeadwayServer { SharedDatabase = database, DemoTenants = 10, Settings = new Dictionary<string, string>(settings) { ["Email:Digest:Node"] = "node-b" } };
        await b.InitializeAsync();

        // Both nodes' jobs wake every second; these passes race them and each other.
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(PassAsync(a), PassAsync(b), PassAsync(a), PassAsync(b));
        }

        // The nodes' own jobs may still be sending a digest they claimed: read until the rows stop changing and every
        // digest marked sent has reached the server.
        async Task<(List<string> OptedIn, List<DigestDelivery> Rows)> ReadAsync() => await database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var users = await db.Users.Where(u => !u.IsDisabled && u.DigestFrequency != DigestFrequency.Off).Select(u => u.Id).ToListAsync();
            var deliveries = await db.DigestDeliveries.AsNoTracking().ToListAsync();
            return (users, deliveries);
        });
        string Sent(List<DigestDelivery> r) => string.Join(",", r.Where(d => d.SentAt is not null).Select(d => d.Id).Order());
        var (optedIn, rows) = await ReadAsync();
        for (var wait = 0; wait < 40; wait++)
        {
            await Task.Delay(500);
            var (_, again) = await ReadAsync();
            var settled = Sent(again) == Sent(rows) && again.Count == rows.Count && smtp.Messages().Count == again.Count(d => d.SentAt is not null);
            rows = again;
            if (settled)
            {
                break;
            }
        }

        var mailed = rows.Where(r => r.SentAt is not null).ToList();
        var messages = await smtp.WaitForAsync(mailed.Count, TimeSpan.FromSeconds(20));
        // Let both jobs wake a few more times: still nothing new.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var later = smtp.Messages();

        output.WriteLine($"{optedIn.Count} opted-in users, {rows.Count} digests claimed ({string.Join(", ", rows.GroupBy(r => r.ClaimedBy).Select(g => $"{g.Key}: {g.Count()}"))}), {mailed.Count} mailed, {later.Count} messages at the server");
        Assert.Equal(optedIn.Order(StringComparer.Ordinal), rows.Select(r => r.UserId).Order(StringComparer.Ordinal));
        Assert.All(rows.GroupBy(r => (r.UserId, r.Period)), g => Assert.Single(g));
        Assert.True(mailed.Count >= 2, $"only {mailed.Count} digests had anything in them");
        Assert.DoesNotContain(rows, r => r.Error is not null);
        Assert.Equal(mailed.Count, messages.Count);
        Assert.Equal(messages.Count, later.Count);
        var recipients = later.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(recipients.Count, recipients.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(rows, r => Assert.Contains(r.ClaimedBy, new[] { "node-a", "node-b" }));
    }

    private static async Task PassAsync(HeadwayServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SendDigests.Handler>().RunOnceAsync();
    }
}

/// <summary>A fact that needs a PostgreSQL server (HEADWAY_TEST_POSTGRES, which the test script sets); skipped without one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("HEADWAY_TEST_POSTGRES")))
        {
            Skip = "No PostgreSQL server is configured (HEADWAY_TEST_POSTGRES).";
        }
    }
}
