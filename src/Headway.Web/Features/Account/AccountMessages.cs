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
    public MimeMessage PasswordReset(AccountMailRecipient to, string token, TimeSpan validFor)
    {
        var link = smtp.Link("account/reset?email=" + Uri.EscapeDataString(to.Email) + "&token=" + Uri.EscapeDataString(token));
        return Mails.InLanguage(to.Language, language =>
        {
            var minutes = ((int)Math.Round(validFor.TotalMinutes)).ToString(language);
            var greeting = _t["ResetMailGreeting", string.IsNullOrWhiteSpace(to.DisplayName) ? to.Email : to.DisplayName].Value;
            var body = _t["ResetMailBody", to.Email].Value;
            var action = _t["ResetMailAction"].Value;
            var validity = _t["ResetMailValidity", minutes].Value;
            var ignore = _t["ResetMailIgnore"].Value;
            var text = $"{greeting}\n\n{body}\n\n{action}: {link.AbsoluteUri}\n\n{validity}\n{ignore}\n";
            var html = $"<!DOCTYPE html><html lang=\"{Html(to.Language)}\"><head><meta charset=\"utf-8\"><title>{Html(_t["ResetMailSubject"])}</title></head>"
                + "<body style=\"font-family:sans-serif;line-height:1.4;color:#1b1b1b\">"
                + $"<p>{Html(greeting)}</p><p>{Html(body)}</p><p><a href=\"{Html(link.AbsoluteUri)}\">{Html(action)}</a></p>"
                + $"<p>{Html(validity)}<br>{Html(ignore)}</p></body></html>";
            return Mails.Compose(smtp, to.Email, to.DisplayName, to.Language, _t["ResetMailSubject"].Value, text, html);
        });
    }

    private static string Html(string text) => Mails.Html(text);
}
