namespace Headway.Application.Notifications;

/// <summary>Who a digest goes to: the address, a name for the greeting and the language it is written in.</summary>
public sealed record DigestRecipient(string UserId, string Email, string? DisplayName, string Language);

/// <summary>
/// Writes a digest as a mail in the recipient's language and hands it to the mail server. The portal's implementation
/// renders the portal's own strings and sends through SMTP; an exception means the server did not take the mail.
/// </summary>
public interface IDigestMailer
{
    /// <summary>False when no mail server is configured: then no digest is claimed or sent.</summary>
    bool IsConfigured { get; }

    Task SendAsync(DigestRecipient recipient, Digest digest, CancellationToken ct);
}

/// <summary>No mail server: hosts that send no mail (the command line, a portal without SMTP settings).</summary>
public sealed class NoDigestMailer : IDigestMailer
{
    public bool IsConfigured => false;

    public Task SendAsync(DigestRecipient recipient, Digest digest, CancellationToken ct) =>
        throw new InvalidOperationException("No mail server is configured (Email:Smtp:Host).");
}
