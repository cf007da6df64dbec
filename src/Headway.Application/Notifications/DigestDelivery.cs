namespace Headway.Application.Notifications;

/// <summary>How often a user receives the email digest.</summary>
public enum DigestFrequency
{
    /// <summary>Never (opted out).</summary>
    Off,
    /// <summary>Every morning.</summary>
    Daily,
    /// <summary>Every Monday morning.</summary>
    Weekly,
}

/// <summary>
/// One digest for one user and period. The row is claimed (inserted) before the mail is sent; its unique key on
/// user and period lets exactly one node of several claim it, so a digest is never sent twice.
/// </summary>
public sealed class DigestDelivery
{
    public long Id { get; set; }

    /// <summary>The recipient (user id).</summary>
    public required string UserId { get; set; }

    /// <summary>The period the digest covers: <c>D2026-12-03</c> for a day, <c>W2026-49</c> for an ISO week.</summary>
    public required string Period { get; set; }

    /// <summary>The node that claimed it.</summary>
    public required string ClaimedBy { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>
    /// When the SMTP server accepted it; null while sending, after a failure (see <see cref="Error"/>), or when the
    /// digest had nothing in it (<see cref="Items"/> 0: claimed so that nobody builds it again, and never sent).
    /// </summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>How many items it listed.</summary>
    public int Items { get; set; }

    /// <summary>Why sending failed, if it did.</summary>
    public string? Error { get; set; }
}
