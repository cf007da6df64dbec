using Headway.Application;
using Headway.Domain.Results;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Headway.Web.Infrastructure;

// One page of a list answered by the API: the items, which page, its size, how many there are in all, and the link to
// the next page (null on the last). A line comment, not an XML one: the OpenAPI document takes XML summaries as schema
// descriptions, and the contract describes this schema as it stands.
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, string? Next = null);

/// <summary>
/// The API's paging by next links. A list answers the link to its next page in <c>next</c> and in a <c>Link</c> header
/// (rel="next"): the same path and filters with a <c>cursor</c> that carries the page and the list's position
/// (<see cref="PageCursor"/>), so a client that follows the links until there is none reads every row once, even while
/// rows are added. <c>page</c> still jumps to a page by number.
/// </summary>
public static class PageLinks
{
    public const string Parameter = "cursor";

    /// <summary>The cursor parameter as the OpenAPI document describes it on every list.</summary>
    public const string Description = "From the previous page's next link: reads on where that page ended, leaving out rows added since the " +
        "first page, so following the links reads every row once. Overrides page.";

    /// <summary>Where a request reads: the cursor's page and position, or the page asked by number.</summary>
    public readonly record struct At(int? Page, PageCursor? Cursor)
    {
        public long? Mark => Cursor?.Mark;

        public string? After => Cursor is { Position.Length: > 0 } c ? c.Position : null;
    }

    /// <summary>Refuses a cursor this portal did not give out (400 InvalidPageCursor) before the list is read.</summary>
    public static RouteHandlerBuilder WithNextLinks(this RouteHandlerBuilder builder) => builder.AddEndpointFilter(async (context, next) =>
        context.HttpContext.Request.Query[Parameter] is { Count: > 0 } cursor && (cursor.Count > 1 || PageCursor.Parse(cursor[0] ?? "") is null)
            ? Problems.From(Refusal.ForField(Parameter, RefusalCodes.InvalidPageCursor))
            : await next(context));

    /// <summary>The page a request reads (the endpoint's filter has refused a cursor that does not parse).</summary>
    public static At Read(string? cursor, int? page) =>
        cursor is null ? new At(page, null) : PageCursor.Parse(cursor) is { } c ? new At(c.Page, c) : new At(page, null);

    /// <summary>The page as the API answers it, with its next link (also sent as a Link header).</summary>
    public static PageDto<TOut> Dto<TIn, TOut>(HttpContext http, Page<TIn> page, Func<TIn, TOut> map) =>
        new([.. page.Items.Select(map)], page.PageNumber, page.PageSize, page.Total, Next(http, page.Next));

    /// <summary>The link to the page a cursor names: this request's path and parameters, its page and cursor replaced.</summary>
    public static string? Next(HttpContext http, PageCursor? next)
    {
        if (next is null)
        {
            return null;
        }

        var query = http.Request.Query
            .Where(p => !string.Equals(p.Key, Parameter, StringComparison.OrdinalIgnoreCase) && !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>(Parameter, next.Token));
        var link = QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query);
        http.Response.Headers.Append("Link", new StringValues($"<{link}>; rel=\"next\""));
        return link;
    }
}
