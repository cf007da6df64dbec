using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MimeKit;

namespace Headway.Web.Features.Digests;

/// <summary>What every mail of the portal shares: written in the recipient's language, escaped as the pages are, and sent
/// from the configured sender as an automatic mail with a plain-text and an HTML part.</summary>
public static class Mails
{
    // Escapes markup (< > & " ') but writes every script as it is, like the pages (Program.cs).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Html(string text) => Encoder.Encode(text);

    /// <summary>Writes a mail with the current culture set to <paramref name="language"/> (the localizer reads it), for this mail only.</summary>
    public static MimeMessage InLanguage(string language, Func<CultureInfo, MimeMessage> write)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var chosen = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = chosen;
        try
        {
            return write(chosen);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    public static MimeMessage Compose(SmtpSettings smtp, string toEmail, string? toName, string language, string subject, string text, string html)
    {
        var message = new MimeMessage();
        message.From.Add(smtp.From ?? throw new InvalidOperationException($"{SmtpSettings.Section}:From is not set."));
        message.To.Add(new MailboxAddress(toName ?? "", toEmail));
        message.Subject = subject;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(HeaderId.ContentLanguage, language);
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }
}
