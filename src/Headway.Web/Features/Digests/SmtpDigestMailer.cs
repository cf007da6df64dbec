using Headway.Application.Notifications;
using MailKit.Net.Smtp;

namespace Headway.Web.Features.Digests;

/// <summary>Sends digests through the configured SMTP server with MailKit, one connection per mail.</summary>
public sealed class SmtpDigestMailer(SmtpSettings smtp, DigestMessages messages) : IDigestMailer
{
    public bool IsConfigured => smtp.Enabled;

    public async Task SendAsync(DigestRecipient recipient, Digest digest, CancellationToken ct)
    {
        var message = messages.Write(recipient, digest);
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("No mail server is configured."), smtp.Port, smtp.SecureSocket, ct);
        if (smtp.UserName is not null)
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
