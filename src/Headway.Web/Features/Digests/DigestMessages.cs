using System.Globalization;
using System.Text;
using Headway.Application.Notifications;
using Headway.Application.WorkList;
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

    public MimeMessage Write(DigestRecipient recipient, Digest digest) =>
        Mails.InLanguage(recipient.Language, language => Compose(recipient, digest, language));

    private MimeMessage Compose(DigestRecipient recipient, Digest digest, CultureInfo language)
    {
        var day = digest.Today.ToString("D", language);
        var subject = digest.Items == 1 ? _t["DigestSubjectOne", day].Value : _t["DigestSubjectMany", day, digest.Items].Value;
        var sections = digest.Sections.Select(section => (
            Title: _t["DigestGroup" + section.Group].Value,
            section.Total,
            More: Link("worklist/" + section.Group.Slug()),
            Lines: section.Items.Select(i => LineOf(section.Group, i, language)).ToList())).ToList();

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
        foreach (var (title, total, moreLink, lines) in sections)
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
                text.AppendLine(CultureInfo.InvariantCulture, $"{more}: {moreLink.AbsoluteUri}");
                html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Html(moreLink.AbsoluteUri)}\">{Html(more)}</a></p>");
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

        return Mails.Compose(smtp, recipient.Email, recipient.DisplayName, recipient.Language, subject, text.ToString(), html.ToString());
    }

    /// <summary>One item: what it is about, linked to where it is dealt with, and what to do.</summary>
    private Line LineOf(WorkGroup group, DigestItem item, CultureInfo language)
    {
        var (what, link) = item.Subject switch
        {
            WorkSubject.Entitlement => (item.Workload ?? "", Link($"tenants/{item.TenantId}/entitlements/{Uri.EscapeDataString(item.Workload ?? "")}/edit")),
            WorkSubject.SummaryRequest => (_t["DigestExecutiveSummary"].Value, Link($"tenants/{item.TenantId}/summaries/new")),
            _ => (_t["DigestOverallNote"].Value, Link($"tenants/{item.TenantId}")),
        };
        var due = item.Date?.ToString("d", language) ?? "";
        var details = new List<string>();
        if (group == WorkGroup.PoorNote)
        {
            details.Add(_t["DigestQuotedNote", item.Text ?? ""]);
            if (item.Advice is { Length: > 0 } advice)
            {
                details.Add(_t["DigestAdvice", advice]);
            }

            if (item.Fix is { Length: > 0 } fix)
            {
                details.Add(_t["DigestFix", fix]);
            }
        }
        else if (item.Subject == WorkSubject.SummaryRequest)
        {
            if (!string.IsNullOrWhiteSpace(item.Text))
            {
                details.Add(item.Text);
            }

            details.Add(_t["DigestAskedBy", item.Person ?? "", due]);
        }
        else
        {
            details.Add(_t["DigestActionDue", string.IsNullOrWhiteSpace(item.Text) ? _t["DigestNoActionText"].Value : item.Text, due]);
        }

        return new Line($"{item.TenantName} · {what}", link, details);
    }

    private Uri Link(string path) => smtp.Link(path);

    private static string Html(string text) => Mails.Html(text);

    private sealed record Line(string Title, Uri Link, IReadOnlyList<string> Details);

}
