using System.Globalization;
using Headway.Application.Notifications;
using Microsoft.Extensions.Localization;

namespace Headway.Web.Features.Notifications;

/// <summary>
/// A notice as its reader reads it: a sentence in the reader's language built from what was stored (kind, actor,
/// tenant, workload, detail), the detail to show under it, and where it leads. The page and the API both use this.
/// </summary>
public sealed class NotificationText(IStringLocalizer<SharedResource> t)
{
    /// <param name="Text">The sentence.</param>
    /// <param name="Detail">A second line shown as written (a next action, the previous manager), or null.</param>
    /// <param name="Link">Where the notice leads, a path in the portal.</param>
    public sealed record Shown(string Text, string? Detail, string Link);

    public Shown Render(ListNotifications.Row row)
    {
        var n = row.Notification;
        var tenant = row.TenantName ?? "#" + n.TenantId?.ToString(CultureInfo.InvariantCulture);
        var tenantPage = $"/tenants/{n.TenantId}";
        var workload = row.Workload ?? n.Detail ?? "";
        return n.Kind switch
        {
            NotificationKind.SummaryRequested => new(t["RemindersNoticeSummaryRequested", n.Actor, tenant, Day(n.Detail)], null, $"{tenantPage}/summaries/new"),
            NotificationKind.NextActionAssigned when row.Workload is not null =>
                new(t["RemindersNoticeNextActionEntitlement", n.Actor, tenant, row.Workload], n.Detail, $"{tenantPage}#w-{row.Workload}"),
            NotificationKind.NextActionAssigned => new(t["RemindersNoticeNextActionNote", n.Actor, tenant], n.Detail, $"{tenantPage}#timeline"),
            NotificationKind.TenantReassigned =>
                new(t["RemindersNoticeTenantReassigned", n.Actor, tenant], n.Detail is null ? null : t["RemindersNoticePrevious", n.Detail].Value, tenantPage),
            NotificationKind.EditConflicted =>
                new(t["RemindersNoticeEditConflicted", n.Actor, tenant, workload], null, $"{tenantPage}/entitlements/{Uri.EscapeDataString(workload)}/edit"),
            _ => new(n.Kind.ToString(), n.Detail, tenantPage),
        };
    }

    /// <summary>A stored day (yyyy-MM-dd) in the reader's own format.</summary>
    private static string Day(string? iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("d", CultureInfo.CurrentCulture)
            : iso ?? "";
}
