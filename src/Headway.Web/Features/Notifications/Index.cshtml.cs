using Headway.Application.Notifications;
using Headway.Web.Features.Shared;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Notifications;

/// <summary>The caller's notices, newest first and paged, unread ones marked; each leads to what it is about.</summary>
public sealed class IndexModel(ListNotifications.Handler list, MarkNotificationsRead.Handler mark, NotificationText text) : PageModel
{
    public ListNotifications.Response Found { get; private set; } = null!;

    public IReadOnlyList<(ListNotifications.Row Row, NotificationText.Shown Shown)> Items { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => new(Found.Page.PageNumber, Found.Page.PageCount, Link);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await list.HandleAsync(new ListNotifications.Request(Unread, PageNumber), ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Found = result.Value;
        Items = Found.Page.Items.Select(r => (r, text.Render(r))).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        var result = await mark.HandleAsync(new MarkNotificationsRead.Request(id), ct);
        return result.Succeeded ? Redirect(Link(PageNumber)) : this.NotShown(result.Refusal);
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var result = await mark.HandleAsync(new MarkNotificationsRead.Request(null), ct);
        return result.Succeeded ? Redirect("/notifications?read=all") : this.NotShown(result.Refusal);
    }

    private string Link(int page) => $"/notifications?p={page}" + (Unread ? "&unread=true" : "");
}
