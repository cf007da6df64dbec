namespace Headway.Application.Users;

/// <summary>Who an account mail goes to: the address, a name for the greeting and the language it is written in.</summary>
public sealed record AccountMailRecipient(string Email, string? DisplayName, string Language);

/// <summary>
/// Writes the mails about a user's own account (a link to set a new password, an invitation) in the recipient's language and hands
/// them to the mail server. The portal's implementation sends through the SMTP settings the digest uses.
/// </summary>
public interface IAccountMailer
{
    /// <summary>False when no mail server is configured: no link can be mailed.</summary>
    bool IsConfigured { get; }

    /// <summary>A link that sets a new password, valid for <paramref name="validFor"/> and once.</summary>
    Task SendPasswordResetAsync(AccountMailRecipient to, string token, TimeSpan validFor, CancellationToken ct);

    /// <summary>An invitation from <paramref name="invitedBy"/> to work as <paramref name="role"/>: a link that sets the first password, valid for <paramref name="validFor"/> and once.</summary>
    Task SendInvitationAsync(AccountMailRecipient to, string token, TimeSpan validFor, string invitedBy, Role role, CancellationToken ct);
}

/// <summary>No mail server: hosts that send no mail (the command line, a portal without SMTP settings).</summary>
public sealed class NoAccountMailer : IAccountMailer
{
    public bool IsConfigured => false;

    public Task SendPasswordResetAsync(AccountMailRecipient to, string token, TimeSpan validFor, CancellationToken ct) =>
        throw new InvalidOperationException("No mail server is configured (Email:Smtp:Host).");

    public Task SendInvitationAsync(AccountMailRecipient to, string token, TimeSpan validFor, string invitedBy, Role role, CancellationToken ct) =>
        throw new InvalidOperationException("No mail server is configured (Email:Smtp:Host).");
}
