using Headway.Application.Notifications;

namespace Headway.Web.Features.Digests;

/// <summary>
/// The digest job of one web node: wakes every <see cref="DigestSchedule.CheckEvery"/> and runs one
/// <see cref="SendDigests"/> pass. Every node runs it; the claims in the database make each digest go out once.
/// Without a mail server it says so once at start and never wakes.
/// </summary>
public sealed class DigestJob(IServiceProvider services, SmtpSettings smtp, DigestSchedule schedule, TimeProvider clock, ILogger<DigestJob> log)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = smtp.Problems.Concat(schedule.Problems()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The email settings cannot be used: " + string.Join(" ", problems));
        }

        if (!smtp.Enabled)
        {
            log.LogInformation("Email digests are off: no SMTP server is configured ({Setting} is empty).", SmtpSettings.Section + ":Host");
            return Task.CompletedTask;
        }

        log.LogInformation("Email digests are on: through {Host}:{Port} from {Hour}:00 UTC, checked every {CheckEvery} by node {Node}; links to {PortalUrl}",
            smtp.Host, smtp.Port, schedule.HourUtc, schedule.CheckEvery, schedule.Node, smtp.PortalUrl);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass one interval after start: nodes restarted together do not all wake at once, and the
        // start-up tasks (migrations, demo data) are long done.
        using var timer = new PeriodicTimer(schedule.CheckEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SendDigests.Handler>().RunOnceAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The database may be away for a while: the next wake tries again.
            log.LogError(e, "The digest pass failed; the next runs in {CheckEvery}", schedule.CheckEvery);
        }
    }
}
