using System.Net.Mail;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace Headway.Application.Users;

/// <summary>
/// A forgotten password: a link to set a new one is mailed to the user's address, valid for
/// <c>Security:PasswordResetLinkLifetime</c> (an hour unless configured) and once — setting the password renews the
/// user's security stamp, which the link is bound to, and so also ends every session of the old password. The answer
/// to asking for a link is the same whether the address belongs to a user or not, so it tells nobody who has an
/// account. A disabled user gets no link and cannot use one.
/// </summary>
public static class ResetPassword
{
    /// <param name="Email">The address of the account.</param>
    /// <param name="Language">The language of the mail when the user has chosen none (the one they asked in).</param>
    public sealed record Request(string? Email, string? Language = null);

    /// <summary>A new password through a mailed link; <c>Invitation</c> when the token is an invitation's (<see cref="Invitations"/>).</summary>
    public sealed record Confirm(string? Email, string? Token, string? NewPassword, bool Invitation = false);

    /// <summary>
    /// How long a mailed link works: a reset link <c>Security:PasswordResetLinkLifetime</c> (an hour unless configured), an
    /// invitation <c>Security:InvitationLinkLifetime</c> (seven days).
    /// </summary>
    public sealed record Settings(TimeSpan LinkLifetime, TimeSpan InvitationLifetime)
    {
        public static Settings From(IConfiguration configuration)
        {
            var lifetime = configuration.GetValue("Security:PasswordResetLinkLifetime", TimeSpan.FromHours(1));
            var invitation = configuration.GetValue("Security:InvitationLinkLifetime", TimeSpan.FromDays(7));
            return lifetime > TimeSpan.Zero && invitation > TimeSpan.Zero
                ? new Settings(lifetime, invitation)
                : throw new InvalidOperationException(
                    "Security:PasswordResetLinkLifetime and Security:InvitationLinkLifetime must be more than zero (for example 01:00:00 and 7.00:00:00).");
        }
    }

    /// <summary>The token provider and purpose of invitation links; the host registers the provider under this name.</summary>
    public static class Invitations
    {
        public const string Provider = "Invitation";
        public const string Purpose = "SetFirstPassword";
    }

    /// <remarks>The host registers the token provider and gives it <see cref="Settings.LinkLifetime"/>.</remarks>
    public sealed class Handler(UserManager<HeadwayUser> users, IAccountMailer mailer, Settings settings, Data.HeadwayDbContext db)
    {
        /// <summary>Whether links can be mailed at all (a mail server is configured).</summary>
        public bool IsAvailable => mailer.IsConfigured;

        /// <summary>How long a mailed link works.</summary>
        public TimeSpan LinkLifetime => settings.LinkLifetime;

        public async Task<Result<bool>> RequestAsync(Request request, CancellationToken ct = default)
        {
            if (!mailer.IsConfigured)
            {
                return Refusal.Of(RefusalCodes.MailNotConfigured);
            }

            var email = request.Email?.Trim() ?? "";
            if (email.Length == 0)
            {
                return Refusal.ForField("email", RefusalCodes.EmailRequired);
            }

            if (email.Length > 256 || !MailAddress.TryCreate(email, out _))
            {
                return Refusal.ForField("email", RefusalCodes.InvalidEmail, email);
            }

            if (await users.FindByEmailAsync(email) is { Email: { } address } user && !user.IsInvited && await Accounts.IsUsableAsync(db, user, ct))
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                var language = user.Language ?? SupportedLanguages.Normalize(request.Language ?? "en");
                await mailer.SendPasswordResetAsync(new AccountMailRecipient(address, user.DisplayName, language), token, LinkLifetime, ct);
            }

            return Result<bool>.Ok(true);
        }

        public async Task<Result<HeadwayUser>> ConfirmAsync(Confirm request, CancellationToken ct = default)
        {
            if (string.IsNullOrEmpty(request.NewPassword))
            {
                return Refusal.ForField("newPassword", RefusalCodes.PasswordRequired);
            }

            var user = string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Token) ? null : await users.FindByEmailAsync(request.Email.Trim());
            if (user is null || !await Accounts.IsUsableAsync(db, user, ct))
            {
                return Refusal.Of(RefusalCodes.ResetLinkInvalid);
            }

            var reset = request.Invitation ? await AcceptInvitationAsync(user, request.Token!, request.NewPassword) : await users.ResetPasswordAsync(user, request.Token!, request.NewPassword);
            if (!reset.Succeeded)
            {
                return PasswordRefusals.From(reset, "newPassword", users.Options.Password.RequiredLength);
            }

            // Whoever holds the mailbox may sign in again at once: a lockout from forgotten attempts ends too.
            await users.ResetAccessFailedCountAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            return Result<HeadwayUser>.Ok(user);
        }

        /// <summary>
        /// The first password of an invited user. The token is bound to the security stamp, which setting the password
        /// renews, so the invitation works once; following it also proves the address.
        /// </summary>
        private async Task<IdentityResult> AcceptInvitationAsync(HeadwayUser user, string token, string password)
        {
            if (!user.IsInvited || !await users.VerifyUserTokenAsync(user, Invitations.Provider, Invitations.Purpose, token))
            {
                return IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
            }

            foreach (var validator in users.PasswordValidators)
            {
                if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } refused)
                {
                    return refused;
                }
            }

            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.EmailConfirmed = true;
            return await users.UpdateSecurityStampAsync(user);
        }
    }
}
