namespace Headway.Application.Idempotency;

/// <summary>
/// A state-changing API request sent with an <c>Idempotency-Key</c>, and the answer it got. A retry with the same key
/// is answered from here and changes nothing. The row is written in the transaction of the request's first change, so
/// a change is never stored without it, and its answer is added when the request ends. Kept for
/// <see cref="IdempotencyClaim.Retention"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>The caller's user name, lower case: a key is the caller's own.</summary>
    public required string Owner { get; set; }

    /// <summary>The key the client chose.</summary>
    public required string Key { get; set; }

    /// <summary>SHA-256 of the method, path, query and body: a key sent again with another request is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>Which request wrote the row, so that only it adds the answer.</summary>
    public required string Token { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The answer's status; null while the request runs (or when it ended without one).</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[]? Body { get; set; }
}

/// <summary>
/// The key a request runs under, handed to the unit of work so that its first save writes the
/// <see cref="IdempotencyRecord"/> with the change.
/// </summary>
public sealed class IdempotencyClaim(string owner, string key, string requestHash, DateTimeOffset at)
{
    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The longest key accepted.</summary>
    public const int MaxKey = 255;

    public string Owner { get; } = owner;

    public string Key { get; } = key;

    public string RequestHash { get; } = requestHash;

    public string Token { get; } = Guid.NewGuid().ToString("N");

    public DateTimeOffset At { get; } = at;

    /// <summary>The row added to the unit of work, until its save fails.</summary>
    internal IdempotencyRecord? Pending { get; set; }

    /// <summary>A key a client may send: 1 to 255 visible ASCII characters.</summary>
    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKey && key.All(c => c is > ' ' and <= '~');

    internal IdempotencyRecord NewRecord() => new() { Owner = Owner, Key = Key, RequestHash = RequestHash, Token = Token, CreatedAt = At };
}
