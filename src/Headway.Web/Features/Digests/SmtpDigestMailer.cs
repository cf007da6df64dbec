using Headway.Application.Notifications;

namespace Headway.Web.Features.Digests;

/// <summary>Sends digests through the configured SMTP server.</summary>
public sealed class SmtpDigestMailer(SmtpSender sender, DigestMessages messages) : IDigestMailer
{
    public bool IsConfigured => sender.IsConfigured;

    public Task SendAsync(DigestRecipient recipient, Digest digest, CancellationToken ct) => sender.SendAsync(messages.Write(recipient, digest), ct);
}
