using System.Globalization;
using Headway.Application;
using Headway.Application.WorkList;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.WorkList;

/// <summary>One group of the caller's work list in full, paged; its next actions are marked done or moved here as on the list.</summary>
public sealed class GroupModel(GetWorkList.Handler handler, WorkListActions actions, WorkListSettings settings, TimeProvider clock) : PageModel
{
    public WorkGroup Group { get; private set; }

    public Page<GetWorkList.Item> Items { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public DateOnly Today { get; private set; }

    public int StaleDays => settings.StaleDays;

    /// <summary>This page's own URL, which its forms post to and redirect back to.</summary>
    public string List { get; private set; } = "/";

    public string? ActionError { get; private set; }

    [BindProperty]
    public NextActionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string group, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct) =>
        Resolve(group, pageNumber) ?? await LoadAsync(pageNumber, ct) ?? Page();

    public async Task<IActionResult> OnPostDoneAsync(string group, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct) =>
        Resolve(group, pageNumber) ?? WorkListActions.Answer(this, await actions.DoneAsync(Form, ct), List, out var error)
            ?? await ShowAsync(error, pageNumber, ct);

    public async Task<IActionResult> OnPostMoveAsync(string group, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct) =>
        Resolve(group, pageNumber) ?? WorkListActions.Answer(this, await actions.MoveAsync(Form, ct), List, out var error)
            ?? await ShowAsync(error, pageNumber, ct);

    private async Task<IActionResult> ShowAsync(string? error, int? pageNumber, CancellationToken ct)
    {
        ActionError = error;
        return await LoadAsync(pageNumber, ct) ?? Page();
    }

    /// <summary>The group the URL names (404 for none) and this page's own URL.</summary>
    private NotFoundResult? Resolve(string group, int? pageNumber)
    {
        if (WorkGroups.Find(group) is not { } found)
        {
            return NotFound();
        }

        Group = found;
        List = "/worklist/" + found.Slug() + (pageNumber > 1 ? "?page=" + pageNumber.Value.ToString(CultureInfo.InvariantCulture) : "");
        return null;
    }

    private async Task<IActionResult?> LoadAsync(int? pageNumber, CancellationToken ct)
    {
        var result = await handler.ListAsync(Group, pageNumber, Paging.DefaultPageSize, ct: ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Items = result.Value;
        Today = GetWorkList.Today(clock);
        return null;
    }
}
