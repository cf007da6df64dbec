using Microsoft.Extensions.Configuration;

namespace Headway.Application.Webhooks;

/// <summary>
/// How webhooks are delivered (section <c>Webhooks</c>): whether this node delivers at all, how often it looks for work,
/// how long a receiver may take, and how long a failing delivery is retried (exponential backoff from
/// <see cref="RetryBase"/>, doubling up to <see cref="MaxBackoff"/>, until <see cref="RetryFor"/> has passed since the
/// event was queued; at least a day by default).
/// </summary>
public sealed record WebhookSettings(bool Enabled, TimeSpan PollInterval, TimeSpan Timeout, TimeSpan RetryBase, TimeSpan MaxBackoff, TimeSpan RetryFor, string Node)
{
    public const string Section = "Webhooks";

    public static WebhookSettings From(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        return new WebhookSettings(
            s.GetValue("Enabled", true),
            s.GetValue("PollInterval", TimeSpan.FromSeconds(2)),
            s.GetValue("Timeout", TimeSpan.FromSeconds(10)),
            s.GetValue("RetryBase", TimeSpan.FromSeconds(30)),
            s.GetValue("MaxBackoff", TimeSpan.FromHours(4)),
            s.GetValue("RetryFor", TimeSpan.FromHours(25)),
            s.GetValue<string?>("Node") ?? $"{Environment.MachineName}-{Environment.ProcessId}");
    }

    /// <summary>What in these settings cannot work, as sentences for the start-up error.</summary>
    public IEnumerable<string> Problems()
    {
        if (PollInterval <= TimeSpan.Zero || Timeout <= TimeSpan.Zero || RetryBase <= TimeSpan.Zero || MaxBackoff < RetryBase || RetryFor <= TimeSpan.Zero)
        {
            yield return $"{Section}:PollInterval, Timeout, RetryBase and RetryFor must be positive, and MaxBackoff at least RetryBase.";
        }
    }

    /// <summary>The wait after the given number of failed attempts: RetryBase, doubled each time, at most MaxBackoff.</summary>
    public TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, RetryBase.Ticks * Math.Pow(2, Math.Min(30, Math.Max(0, failedAttempts - 1)))));
}
