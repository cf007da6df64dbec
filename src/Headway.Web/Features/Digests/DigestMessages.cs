using System.Globalization;
using System.Net;
using System.Text;
using Headway.Application.Notifications;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Headway.Web.Features.Digests;

/// <summary>
/// Writes a digest as a mail in the recipient's language, from the portal's own strings (Resources/digest.&lt;lang&gt;.json):
/// a plain-text part and an HTML part that say the same, every item linked to the place in the portal where it is
/// dealt with. Everything users wrote (tenant names, actions, notes) is HTML-escaped.
/// </summary>
public sealed class DigestMessages(IStringLocalizerFactory localizers, SmtpSettings smtp)
{
    private readonly IStringLocalizer _t = localizers.Create(typeof(SharedResource));

    public MimeMessage Write(DigestRecipient recipient, Digest digest)
    {
        // The localizer reads the current UI culture; set for this rendering only.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var language = CultureInfo.GetCultureInfo(recipient.Language);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = language;
        try
        {
            return Compose(recipient, digest, language);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private MimeMessage Compose(DigestRecipient recipient, Digest digest, CultureInfo language)
    {
        var day = digest.Today.ToString("D", language);
        var subject = digest.Items == 1 ? _t["DigestSubjectOne", day].Value : _t["DigestSubjectMany", day, digest.Items].Value;
        var sections = new List<(string Title, int Total, IReadOnlyList<Line> Lines)>();
        AddActions(sections, "DigestOverdue", digest.Overdue, language);
        AddActions(sections, "DigestDueToday", digest.DueToday, language);
        AddActions(sections, "DigestDueThisWeek", digest.DueThisWeek, language);
        if (digest.PoorNotes.Total > 0)
        {
            sections.Add((_t["DigestPoorNotes"], digest.PoorNotes.Total, digest.PoorNotes.Items.Select(n => new Line(
                $"{n.TenantName} · {n.Workload}",
                Link($"tenants/{n.TenantId}/entitlements/{Uri.EscapeDataString(n.Workload)}/edit"),
                [$"“{n.Note}”", .. Advice(n)])).ToList()));
        }

        var greeting = _t["DigestGreeting", string.IsNullOrWhiteSpace(recipient.DisplayName) ? recipient.Email : recipient.DisplayName].Value;
        var intro = _t["DigestIntro"].Value;
        var home = Link("");
        var profile = Link("account/profile");

        var text = new StringBuilder();
        text.AppendLine(greeting).AppendLine(intro).AppendLine();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{Html(recipient.Language)}\"><head><meta charset=\"utf-8\"><title>{Html(subject)}</title></head>")
            .Append("<body style=\"font-family:sans-serif;line-height:1.4;color:#1b1b1b\">")
            .Append(CultureInfo.InvariantCulture, $"<p>{Html(greeting)}<br>{Html(intro)}</p>");
        foreach (var (title, total, lines) in sections)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{title} ({total})").AppendLine(new string('-', Math.Min(60, title.Length + 6)));
            html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:1.1em\">{Html(title)} ({total})</h2><ul>");
            foreach (var line in lines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"* {line.Title}");
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{Html(line.Link.AbsoluteUri)}\">{Html(line.Title)}</a>");
                foreach (var detail in line.Details)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {detail}");
                    html.Append(CultureInfo.InvariantCulture, $"<br>{Html(detail)}");
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"  {line.Link.AbsoluteUri}");
                html.Append("</li>");
            }

            html.Append("</ul>");
            if (total > lines.Count)
            {
                var more = _t["DigestMore", total - lines.Count].Value;
                text.AppendLine(CultureInfo.InvariantCulture, $"{more}: {home.AbsoluteUri}");
                html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Html(home.AbsoluteUri)}\">{Html(more)}</a></p>");
            }

            text.AppendLine();
        }

        var open = _t["DigestOpenPortal"].Value;
        var why = _t["DigestWhy"].Value;
        text.AppendLine(CultureInfo.InvariantCulture, $"{open}: {home.AbsoluteUri}").AppendLine().AppendLine("-- ")
            .AppendLine(why).AppendLine(profile.AbsoluteUri);
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Html(home.AbsoluteUri)}\">{Html(open)}</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"color:#555;font-size:0.9em\">{Html(why)} <a href=\"{Html(profile.AbsoluteUri)}\">{Html(profile.AbsoluteUri)}</a></p>")
            .Append("</body></html>");

        var message = new MimeMessage();
        message.From.Add(smtp.From ?? throw new InvalidOperationException($"{SmtpSettings.Section}:From is not set."));
        message.To.Add(new MailboxAddress(recipient.DisplayName ?? "", recipient.Email));
        message.Subject = subject;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(HeaderId.ContentLanguage, recipient.Language);
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private void AddActions(List<(string, int, IReadOnlyList<Line>)> sections, string title, DigestSection<DigestAction> section, CultureInfo language)
    {
        if (section.Total == 0)
        {
            return;
        }

        sections.Add((_t[title], section.Total, section.Items.Select(a => new Line(
            $"{a.TenantName} · {a.Workload ?? _t["DigestOverallNote"]}",
            a.Workload is null ? Link($"tenants/{a.TenantId}") : Link($"tenants/{a.TenantId}/entitlements/{Uri.EscapeDataString(a.Workload)}/edit"),
            [$"{(string.IsNullOrWhiteSpace(a.Action) ? _t["DigestNoActionText"] : a.Action)} ({_t["DigestDueOn", a.Due.ToString("d", language)]})"])).ToList()));
    }

    private IEnumerable<string> Advice(DigestNote note)
    {
        if (note.Advice.Length > 0)
        {
            yield return _t["DigestAdvice", note.Advice];
        }

        if (note.Fix is { Length: > 0 } fix)
        {
            yield return _t["DigestFix", fix];
        }
    }

    private Uri Link(string path) => smtp.Link(path);

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private sealed record Line(string Title, Uri Link, IReadOnlyList<string> Details);
}
