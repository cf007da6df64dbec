using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Headway.Application.Telemetry;

/// <summary>
/// Headway's own traces and metrics, next to those of ASP.NET Core, the database and the runtime. The portal exports
/// them over OTLP when an endpoint is configured (docs/operations.md); without a listener they cost nothing.
/// Counters are tagged with a few values each (never a user, tenant or file name), so that a dashboard can split them
/// without the number of series growing with the data.
/// </summary>
public static class HeadwayTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Headway";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Entitlement history entries written: a status, note, date or next action changed (tags: kind, source).</summary>
    public static readonly Counter<long> StatusChanges = Meter.CreateCounter<long>("headway.status_changes", "{change}",
        "Entitlement history entries written: statuses, notes, dates and next actions changed");

    /// <summary>Notes the coach graded (tags: grade, use — a note saved with an entitlement change, or checked while typing).</summary>
    public static readonly Counter<long> CoachGrades = Meter.CreateCounter<long>("headway.coach.grades", "{note}", "Notes graded by the note coach");

    /// <summary>Import runs (tags: mode — dry run or real, outcome — applied, not applied).</summary>
    public static readonly Counter<long> Imports = Meter.CreateCounter<long>("headway.imports", "{import}", "Import runs");

    /// <summary>Rows read by import runs (tags as for <see cref="Imports"/>).</summary>
    public static readonly Counter<long> ImportRows = Meter.CreateCounter<long>("headway.import.rows", "{row}", "Rows read by import runs");

    /// <summary>How long an import run took, reading, checking and writing.</summary>
    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>("headway.import.duration", "s", "Duration of import runs");

    /// <summary>Digest emails (tag: outcome — sent, failed).</summary>
    public static readonly Counter<long> DigestEmails = Meter.CreateCounter<long>("headway.digest.emails", "{email}", "Digest emails sent or failed");

    /// <summary>Webhook delivery attempts, by outcome (delivered, retry, failed).</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("headway.webhook.deliveries", "{attempt}",
        "Webhook delivery attempts by outcome");

    /// <summary>How long receivers took to answer a delivery.</summary>
    public static readonly Histogram<double> WebhookDuration = Meter.CreateHistogram<double>("headway.webhook.duration", "s", "Time receivers took to answer a webhook delivery");

    /// <summary>Sign-in attempts (tags: method — password, external; outcome — succeeded, failed, locked_out).</summary>
    public static readonly Counter<long> SignIns = Meter.CreateCounter<long>("headway.sign_ins", "{attempt}", "Sign-in attempts");

    /// <summary>Requests refused for want of a right or because of a conflicting change (tag: status).</summary>
    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>("headway.refusals", "{request}", "Requests refused: forbidden or in conflict");

    /// <summary>Counts a grade the coach gave.</summary>
    public static void Graded(string grade, string use, long count = 1) =>
        CoachGrades.Add(count, new KeyValuePair<string, object?>("grade", grade), new KeyValuePair<string, object?>("use", use));

    /// <summary>Counts entitlement history entries of one kind from one source.</summary>
    public static void Changed(long count, string kind, string source)
    {
        if (count > 0)
        {
            StatusChanges.Add(count, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("source", source));
        }
    }
}
