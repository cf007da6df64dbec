using System.Diagnostics;
using System.Text.Json;
using Headway.Application.Changes;
using Headway.Application.Data;
using Headway.Application.Telemetry;
using Headway.Application.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Headway.Application.Webhooks;

/// <summary>
/// One pass of webhook work on one node: queue what the feed has new for each subscription, then post what is due.
/// Every node runs it; the database decides who does what. Queuing moves a subscription's cursor with a compare-and-set
/// in the same transaction as the rows it queues (a unique key on subscription and event besides), so each change is
/// queued once. Posting first claims rows with a lease under a token of its own, so one node posts each; a node that
/// dies mid-post leaves the lease to run out and another tries again. The outbox is the history itself: a change is in the feed from the moment
/// it commits, so one made just before a node stopped is queued and posted after any node starts.
/// </summary>
public sealed class WebhookDispatcher(
    DbContextOptions<HeadwayDbContext> options,
    IDataProtectionProvider protection,
    IHttpClientFactory http,
    WebhookSettings settings,
    TimeProvider clock,
    ILogger<WebhookDispatcher>? logger = null)
{
    /// <summary>The name of the HTTP client deliveries use.</summary>
    public const string Client = "webhooks";

    private const int QueuePage = 500, PostBatch = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ILogger _log = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>What a pass did.</summary>
    public sealed record Outcome(int Queued, int Delivered, int Failed);

    public async Task<Outcome> RunOnceAsync(CancellationToken ct = default)
    {
        var queued = await QueueAsync(ct);
        var (delivered, failed) = await PostAsync(ct);
        return new Outcome(queued, delivered, failed);
    }

    private HeadwayDbContext Context(Caller caller) => new(options, new FixedCaller(caller), clock);

    /// <summary>Reads the feed after each live subscription's cursor, as its owner, and queues the events it wants.</summary>
    private async Task<int> QueueAsync(CancellationToken ct)
    {
        List<Webhook> live;
        await using (var db = Context(Caller.System))
        {
            live = await db.Webhooks.AsNoTracking().Where(w => w.RemovedAt == null).ToListAsync(ct);
        }

        var queued = 0;
        foreach (var webhook in live)
        {
            await using var system = Context(Caller.System);
            var owner = await Accounts.Usable(system).AsNoTracking().FirstOrDefaultAsync(u => u.Id == webhook.OwnerId, ct);
            if (owner is null)
            {
                continue; // A disabled owner's subscriptions wait, as their tokens do.
            }

            await using var reader = Context(Caller.Of(owner));
            var cursor = webhook.Cursor;
            for (var page = 0; page < 20; page++)
            {
                var read = await new ReadChanges.Handler(reader).HandleAsync(new ReadChanges.Request(cursor, QueuePage), ct);
                if (!read.Succeeded || read.Value.Cursor == cursor)
                {
                    break;
                }

                var now = clock.GetUtcNow();
                var wanted = read.Value.Items.Where(c => webhook.Types.Count == 0 || webhook.Types.Contains(c.Type)).ToList();
                var moved = await QueueAsync(webhook, cursor, read.Value.Cursor, wanted, now, ct);
                if (moved is null)
                {
                    break; // Another node queued this page.
                }

                queued += moved.Value;
                cursor = read.Value.Cursor;
                if (!read.Value.HasMore)
                {
                    break;
                }
            }
        }

        return queued;
    }

    private async Task<int?> QueueAsync(Webhook webhook, string from, string to, List<ReadChanges.Change> changes, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = Context(Caller.System);
        // On SQLite the transaction waits for its turn with the portal's other writers, not in the busy handler's sleeps.
        using var turn = await SqliteWriters.TakeTurnAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var id = webhook.Id;
        if (await db.Webhooks.Where(w => w.Id == id && w.Cursor == from).ExecuteUpdateAsync(u => u.SetProperty(w => w.Cursor, to), ct) != 1)
        {
            return null;
        }

        db.WebhookDeliveries.AddRange(changes.Select(c => new WebhookDelivery
        {
            WebhookId = id,
            PartnerId = webhook.PartnerId,
            EventId = c.Id,
            EventType = c.Type,
            Payload = JsonSerializer.Serialize(c, Json),
            CreatedAt = now,
            State = DeliveryState.Pending,
            NextAttemptAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changes.Count;
    }

    /// <summary>
    /// Claims the deliveries that are due in one statement (a lease under a token of this pass), posts them eight at a
    /// time, and saves every outcome in one write: on SQLite, with its one writer, each write counts.
    /// </summary>
    private async Task<(int Delivered, int Failed)> PostAsync(CancellationToken ct)
    {
        await using var db = Context(Caller.System);
        var now = clock.GetUtcNow();
        var lease = now + settings.Timeout + settings.Timeout;
        var token = Guid.NewGuid().ToString("N");
        var due = db.WebhookDeliveries.Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now))
            .OrderBy(d => d.Id).Select(d => d.Id).Take(PostBatch);
        int leased;
        using (await SqliteWriters.TakeTurnAsync(db, ct))
        {
            leased = await db.WebhookDeliveries.Where(d => due.Contains(d.Id) && (d.LeasedUntil == null || d.LeasedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.LeasedUntil, lease).SetProperty(d => d.LeasedBy, token), ct);
        }

        if (leased == 0)
        {
            return (0, 0);
        }

        var claimed = await db.WebhookDeliveries.Where(d => d.LeasedBy == token && d.State == DeliveryState.Pending).ToListAsync(ct);
        var ids = claimed.Select(d => d.WebhookId).Distinct().ToList();
        var webhooks = await db.Webhooks.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var answers = new (int? Status, string Answer)[claimed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => answers[i] = await SendAsync(webhooks[claimed[i].WebhookId], claimed[i], token));

        int delivered = 0, failed = 0;
        var after = clock.GetUtcNow();
        for (var i = 0; i < claimed.Count; i++)
        {
            if (Record(claimed[i], answers[i].Status, answers[i].Answer, after))
            {
                delivered++;
            }
            else
            {
                failed++;
            }
        }

        await db.SaveChangesAsync(ct);
        return (delivered, failed);
    }

    /// <summary>Notes an attempt's outcome on its delivery: delivered, due again after the backoff, or given up.</summary>
    private bool Record(WebhookDelivery delivery, int? status, string answer, DateTimeOffset after)
    {
        var ok = status is >= 200 and < 300;
        delivery.Attempts++;
        delivery.LastAttemptAt = after;
        delivery.LastStatus = status;
        delivery.LastResponse = answer.Length > WebhookSubscriptions.MaxResponse ? answer[..WebhookSubscriptions.MaxResponse] : answer;
        delivery.LeasedUntil = null;
        delivery.LeasedBy = null;
        if (ok)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = after;
        }
        else if (after - delivery.CreatedAt >= settings.RetryFor)
        {
            delivery.State = DeliveryState.Failed;
            HeadwayLog.WebhookGaveUp(_log, delivery.WebhookId, delivery.EventId, delivery.Attempts);
        }
        else
        {
            delivery.NextAttemptAt = after + settings.Backoff(delivery.Attempts);
            HeadwayLog.WebhookFailed(_log, delivery.WebhookId, delivery.EventId, delivery.Attempts, status, delivery.NextAttemptAt);
        }

        HeadwayTelemetry.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "delivered" : delivery.State == DeliveryState.Failed ? "failed" : "retry"));
        return ok;
    }

    private async Task<(int? Status, string Answer)> SendAsync(Webhook webhook, WebhookDelivery delivery, CancellationToken ct)
    {
        string secret;
        try
        {
            secret = protection.CreateProtector(WebhookSubscriptions.SecretPurpose).Unprotect(webhook.ProtectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (null, "The signing secret cannot be read with this key ring.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(delivery.Payload, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Headway-Event-Id", delivery.EventId);
        request.Headers.TryAddWithoutValidation("Headway-Event-Type", delivery.EventType);
        request.Headers.TryAddWithoutValidation("Headway-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(secret, clock.GetUtcNow().ToUnixTimeSeconds(), delivery.Payload));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadSomeAsync(response, timeout.Token);
            HeadwayTelemetry.WebhookDuration.Record(watch.Elapsed.TotalSeconds);
            return ((int)response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, e is TaskCanceledException ? $"No answer within {settings.Timeout.TotalSeconds:0} s." : e.Message);
        }
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new char[WebhookSubscriptions.MaxResponse];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var read = await reader.ReadBlockAsync(buffer, ct);
        return new string(buffer, 0, read);
    }
}
