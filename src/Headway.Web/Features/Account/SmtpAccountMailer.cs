using Headway.Application.Users;
using Headway.Web.Features.Digests;

namespace Headway.Web.Features.Account;

/// <summary>Sends the mails about a user's own account through the configured SMTP server.</summary>
public sealed class SmtpAccountMailer(SmtpSender sender, AccountMessages messages) : IAccountMailer
{
    public bool IsConfigured => sender.IsConfigured;

    public Task SendPasswordResetAsync(AccountMailRecipient to, string token, TimeSpan validFor, CancellationToken ct) =>
        sender.SendAsync(messages.PasswordReset(to, token, validFor), ct);

    public Task SendInvitationAsync(AccountMailRecipient to, string token, TimeSpan validFor, string invitedBy, Role role, CancellationToken ct) =>
        sender.SendAsync(messages.Invitation(to, token, validFor, invitedBy, role), ct);
}
