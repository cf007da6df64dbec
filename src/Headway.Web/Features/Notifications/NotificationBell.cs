using Headway.Application.Data;
using Headway.Application.Notifications;
using Microsoft.AspNetCore.Mvc;

namespace Headway.Web.Features.Notifications;

/// <summary>
/// The bell in the header: a link to the notifications page, named with the number of unread notices, so it works
/// without scripts and reads the same to a screen reader as it looks.
/// </summary>
public sealed class NotificationBell(ListNotifications.Handler notifications) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        int? unread;
        try
        {
            unread = await notifications.UnreadAsync(HttpContext.RequestAborted);
        }
        catch (Exception e) when (DatabaseFaults.Is(e))
        {
            // The layout also draws the error page of a database that cannot answer: the bell then shows no number.
            unread = null;
        }

        return View("/Features/Notifications/_Bell.cshtml", unread);
    }
}
