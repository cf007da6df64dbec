namespace Headway.Application.Webhooks;

/// <summary>
/// A subscription of a URL to types of change. It reads the change feed as its owner (an administrator or a service
/// account) would, so it carries exactly the owner's scope; <see cref="Cursor"/> is where its reading stands.
/// </summary>
public sealed class Webhook
{
    public long Id { get; set; }

    /// <summary>The owner's partner, copied so that scope filters need no join; null for the programme centre.</summary>
    public long? PartnerId { get; set; }

    /// <summary>The owner (user id), as whom the feed is read.</summary>
    public required string OwnerId { get; set; }

    /// <summary>Where events are posted (http or https).</summary>
    public required string Url { get; set; }

    /// <summary>The change types sent (see <see cref="Changes.ReadChanges.Types"/>); empty for every type.</summary>
    public IReadOnlyList<string> Types { get; set; } = [];

    /// <summary>The signing secret, protected by the key ring (the owner received it in clear once).</summary>
    public required string ProtectedSecret { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was removed: no more events are queued; what was queued is still tried.</summary>
    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>The change feed's cursor after the last change queued for it.</summary>
    public required string Cursor { get; set; }
}

/// <summary>What became of one event for one subscription.</summary>
public enum DeliveryState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>Every attempt failed until the retry period ended.</summary>
    Failed,
}

/// <summary>
/// One event for one subscription: the outbox row. Queued in the transaction that moves the subscription's cursor past
/// the change, so a change is queued once however many nodes read the feed; claimed by one node at a time for an
/// attempt, so it is posted by one node; kept with its last answer so the subscriber can see what happened.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public long WebhookId { get; set; }

    /// <summary>The subscription's partner, for the scope filter.</summary>
    public long? PartnerId { get; set; }

    /// <summary>The change's stable id (the feed's).</summary>
    public required string EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The JSON body posted, exactly as signed.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the next attempt is due (Pending only).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Until when a node holds it for an attempt; another node leaves it alone until then.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    /// <summary>The claim that holds it (one node's pass), with <see cref="LeasedUntil"/>.</summary>
    public string? LeasedBy { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The last answer's HTTP status; null when there was none (refused, timed out).</summary>
    public int? LastStatus { get; set; }

    /// <summary>The last answer's first characters, or why there was none.</summary>
    public string? LastResponse { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
