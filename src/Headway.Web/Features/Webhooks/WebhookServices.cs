using Headway.Application.Webhooks;

namespace Headway.Web.Features.Webhooks;

public static class WebhookServices
{
    /// <summary>The settings, the subscriptions' use cases, the dispatcher with its HTTP client, and the job every node runs.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(WebhookSettings.From(configuration));
        services.AddScoped<WebhookSubscriptions>();
        // A receiver answers; it does not send the delivery elsewhere.
        services.AddHttpClient(WebhookDispatcher.Client, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Headway-Webhooks/1"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<WebhookJob>();
        return services;
    }
}

/// <summary>
/// The webhook job of one web node: every <see cref="WebhookSettings.PollInterval"/> one <see cref="WebhookDispatcher"/>
/// pass. Every node runs it unless <c>Webhooks:Enabled</c> is false; the database keeps each event queued and posted once.
/// </summary>
public sealed class WebhookJob(WebhookDispatcher dispatcher, WebhookSettings settings, TimeProvider clock, ILogger<WebhookJob> log) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = settings.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The webhook settings cannot be used: " + string.Join(" ", problems));
        }

        if (!settings.Enabled)
        {
            log.LogInformation("Webhooks are not delivered by this node ({Setting} is false).", WebhookSettings.Section + ":Enabled");
            return Task.CompletedTask;
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // Work found: another pass at once, until the queue is empty (a burst of changes is not paced by the timer).
                    for (var pass = 0; pass < 1000; pass++)
                    {
                        var outcome = await dispatcher.RunOnceAsync(stoppingToken);
                        if (outcome.Queued + outcome.Delivered + outcome.Failed == 0)
                        {
                            break;
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The database may be away for a while: the next tick tries again.
                    log.LogError(e, "The webhook pass failed; the next runs in {PollInterval}", settings.PollInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }
}
