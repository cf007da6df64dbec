using Headway.Application.Users;
using Headway.Web.Features.Digests;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Headway.Web.Features.Account;

/// <summary>
/// Writes the mails about a user's own account in the recipient's language, from the portal's strings
/// (Resources/account.&lt;lang&gt;.json): a plain-text part and an HTML part that say the same.
/// </summary>
public sealed class AccountMessages(IStringLocalizerFactory localizers, SmtpSettings smtp)
{
    private readonly IStringLocalizer _t = localizers.Create(typeof(SharedResource));

    /// <summary>The mail with a link that sets a new password: <c>/account/reset?email=…&amp;token=…</c>.</summary>
    public MimeMessage PasswordReset(AccountMailRecipient to, string token, TimeSpan validFor) => Compose(to, LinkTo(to, token, invitation: false), language =>
    {
        var minutes = ((int)Math.Round(validFor.TotalMinutes)).ToString(language);
        return new Wording(_t["ResetMailSubject"].Value, _t["ResetMailGreeting", NameOf(to)].Value, _t["ResetMailBody", to.Email].Value,
            _t["ResetMailAction"].Value, _t["ResetMailValidity", minutes].Value, _t["ResetMailIgnore"].Value);
    });

    /// <summary>The invitation: who invited, as what, and a link that sets the first password (<c>…&amp;invitation=1</c>).</summary>
    public MimeMessage Invitation(AccountMailRecipient to, string token, TimeSpan validFor, string invitedBy, Role role) =>
        Compose(to, LinkTo(to, token, invitation: true), language =>
        {
            var days = ((int)Math.Ceiling(validFor.TotalDays)).ToString(language);
            return new Wording(_t["InviteMailSubject"].Value, _t["InviteMailGreeting", NameOf(to)].Value,
                _t["InviteMailBody", invitedBy, _t["Role" + role].Value].Value, _t["InviteMailAction"].Value, _t["InviteMailValidity", days].Value,
                _t["InviteMailIgnore"].Value);
        });

    /// <summary>The link a mail leads to: the page that sets a password, with the address and the token.</summary>
    public Uri LinkTo(AccountMailRecipient to, string token, bool invitation) =>
        smtp.Link(SetPasswordPath(to.Email, token, invitation));

    /// <summary>The portal's page that sets a password through a link, relative to the portal's root.</summary>
    public static string SetPasswordPath(string email, string token, bool invitation) =>
        "account/reset?email=" + Uri.EscapeDataString(email) + "&token=" + Uri.EscapeDataString(token) + (invitation ? "&invitation=1" : "");

    private sealed record Wording(string Subject, string Greeting, string Body, string Action, string Validity, string Ignore);

    private static string NameOf(AccountMailRecipient to) => string.IsNullOrWhiteSpace(to.DisplayName) ? to.Email : to.DisplayName;

    /// <summary>A plain-text part and an HTML part that say the same, in the recipient's language.</summary>
    private MimeMessage Compose(AccountMailRecipient to, Uri link, Func<System.Globalization.CultureInfo, Wording> words) =>
        Mails.InLanguage(to.Language, language =>
        {
            var w = words(language);
            var text = $"{w.Greeting}\n\n{w.Body}\n\n{w.Action}: {link.AbsoluteUri}\n\n{w.Validity}\n{w.Ignore}\n";
            var html = $"<!DOCTYPE html><html lang=\"{Html(to.Language)}\"><head><meta charset=\"utf-8\"><title>{Html(w.Subject)}</title></head>"
                + "<body style=\"font-family:sans-serif;line-height:1.4;color:#1b1b1b\">"
                + $"<p>{Html(w.Greeting)}</p><p>{Html(w.Body)}</p><p><a href=\"{Html(link.AbsoluteUri)}\">{Html(w.Action)}</a></p>"
                + $"<p>{Html(w.Validity)}<br>{Html(w.Ignore)}</p></body></html>";
            return Mails.Compose(smtp, to.Email, to.DisplayName, to.Language, w.Subject, text, html);
        });

    private static string Html(string text) => Mails.Html(text);
}
