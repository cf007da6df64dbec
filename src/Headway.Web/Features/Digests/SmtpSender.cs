using MailKit.Net.Smtp;
using MimeKit;

namespace Headway.Web.Features.Digests;

/// <summary>Hands a mail to the configured SMTP server with MailKit, one connection per mail (digests, account mails).</summary>
public sealed class SmtpSender(SmtpSettings smtp)
{
    public bool IsConfigured => smtp.Enabled;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
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
