using System.Globalization;
using Headway.Application.Changes;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Changes;

/// <summary>The change feed: what changed in the caller's scope since a cursor, for integrations that keep a copy.</summary>
public static class ChangesApi
{
    /// <summary>A page of changes, the cursor to read on from, whether more are waiting now, and the link to the next page.</summary>
    public sealed record ChangePageDto(IReadOnlyList<ReadChanges.Change> Items, string Cursor, bool HasMore, string Next);

    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/changes", ReadAsync)
            .WithTags("Changes")
            .WithName("ReadChanges")
            .WithSummary("Every change in the caller's scope after the cursor, oldest first: entitlements (created, changed, marked duplicate, " +
                "restored, next action done, deleted), tenants, overall notes and executive summaries (created, changed, deleted). Start without " +
                "a cursor; keep the answer's cursor and read on from it (the next link) until hasMore is false, then again later for what came " +
                "since. Read from the history and the audit trail in the order they were written: a page never skips a change written while " +
                "it was read, and never repeats one. Another partner's changes never appear.")
            .Produces<ChangePageDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RejectUnknownQuery();
        return app;
    }

    private static async Task<Results<Ok<ChangePageDto>, ProblemHttpResult>> ReadAsync(string? cursor, int? limit, ReadChanges.Handler handler,
        CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ReadChanges.Request(cursor, limit), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var page = result.Value;
        var next = "/api/v1/changes?cursor=" + Uri.EscapeDataString(page.Cursor)
            + (limit is { } l ? "&limit=" + l.ToString(CultureInfo.InvariantCulture) : "");
        return TypedResults.Ok(new ChangePageDto(page.Items, page.Cursor, page.HasMore, next));
    }
}
