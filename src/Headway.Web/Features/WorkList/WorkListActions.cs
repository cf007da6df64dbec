using System.Globalization;
using Headway.Application.WorkList;
using Headway.Domain.Results;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.WorkList;

/// <summary>The small form each next action on a work-list page carries: mark it done, or move it to another day.</summary>
public sealed record NextActionForm
{
    /// <summary><c>entitlement</c> or <c>note</c>.</summary>
    public string? Subject { get; set; }
    public long Id { get; set; }
    /// <summary>The entitlement's version the page showed.</summary>
    public int? Version { get; set; }
    /// <summary>The new due date (yyyy-MM-dd), for a move.</summary>
    public string? Date { get; set; }
}

/// <summary>
/// What a work-list page does with a posted next action: the use cases the API calls, then post-redirect-get back to the
/// same list with a notice; a refusal is shown on the list, a caller who may not act gets 403 and a thing gone 404.
/// </summary>
public sealed class WorkListActions(CompleteNextAction.Handler complete, MoveNextAction.Handler move)
{
    /// <summary>The query key of the notice after a redirect.</summary>
    public const string NoticeKey = "acted";

    public async Task<Result<NextActionOutcome>> DoneAsync(NextActionForm form, CancellationToken ct) =>
        Subject(form) is not { } subject
            ? NotActionable(form)
            : await complete.HandleAsync(new CompleteNextAction.Request(subject, form.Id, form.Version), ct);

    public async Task<Result<NextActionOutcome>> MoveAsync(NextActionForm form, CancellationToken ct)
    {
        if (Subject(form) is not { } subject)
        {
            return NotActionable(form);
        }

        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(form.Date))
        {
            if (!DateOnly.TryParseExact(form.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Refusal.ForField("date", RefusalCodes.InvalidDate, form.Date);
            }

            date = parsed;
        }

        return await move.HandleAsync(new MoveNextAction.Request(subject, form.Id, date, form.Version), ct);
    }

    /// <summary>
    /// The answer to a posted action: a redirect to <paramref name="list"/> with the notice, 403 or 404 when the caller may
    /// not act or the thing is not there; null when the page should show the refusal (<paramref name="error"/>) itself.
    /// </summary>
    public static IActionResult? Answer(PageModel page, Result<NextActionOutcome> result, string list, out string? error)
    {
        error = null;
        if (result.Succeeded)
        {
            var o = result.Value;
            var notice = o.Done ? "done" : "moved&to=" + o.NextActionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new RedirectResult(list + (list.Contains('?', StringComparison.Ordinal) ? "&" : "?") + NoticeKey + "=" + notice);
        }

        if (page.Forbidden(result.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (Problems.StatusOf(result.Refusal.Code) == StatusCodes.Status404NotFound)
        {
            return new NotFoundResult();
        }

        error = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
        return null;
    }

    private static WorkSubject? Subject(NextActionForm form) => WorkGroups.FindSubject(form.Subject);

    private static Refusal NotActionable(NextActionForm form) =>
        Refusal.ForField("subject", RefusalCodes.UnknownChoice, form.Subject ?? "", $"{WorkSubject.Entitlement.Slug()}, {WorkSubject.Note.Slug()}");
}

/// <summary>What the items partial needs: a group's items, the group, today, and the list URL their forms post to.</summary>
public sealed record WorkItemsView(IReadOnlyList<GetWorkList.Item> Items, WorkGroup Group, DateOnly Today, string List);
