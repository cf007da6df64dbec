using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application;

/// <summary>One page of a server-side paged list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;

    /// <summary>Where the next page starts (the API's next link); null on the last page.</summary>
    public PageCursor? Next { get; init; }
}

/// <summary>
/// Where the next page of a list starts: its number and a position the list reads back. For most lists the position is
/// a mark, the highest id the list's table held when its first page was read: the later pages leave out the rows added
/// since, so a row inserted meanwhile (at the top of a newest-first list, or in the middle of a sorted one) neither
/// shifts a row onto a second page nor pushes one past the reader. A list whose order is one unique key (the users, by
/// e-mail address) keeps the last key read instead, and a list computed in memory (a work-list group) the last item's
/// place in its order. Clients see one opaque token.
/// </summary>
public sealed record PageCursor(int Page, string Position)
{
    /// <summary>The token of the next link: the page and the position, base64url-encoded.</summary>
    public string Token => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Page}:{Position}")));

    /// <summary>The position as a mark, when it is one.</summary>
    public long? Mark => long.TryParse(Position, NumberStyles.None, CultureInfo.InvariantCulture, out var mark) ? mark : null;

    /// <summary>The cursor a token names, or null when the text is not one this portal made.</summary>
    public static PageCursor? Parse(string token)
    {
        if (token.Length is 0 or > 2000 || !Base64Url.IsValid(token))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            && page is >= 1 and <= Paging.MaxPage && !text.AsSpan(colon + 1).ContainsAnyInRange('\0', '\u001f')
            ? new PageCursor(page, text[(colon + 1)..])
            : null;
    }
}

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>The highest page number a list takes: beyond it the rows skipped would not fit an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public static (int Page, int Size) Clamp(int? page, int? size) =>
        (Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(size ?? DefaultPageSize, 1, MaxPageSize));

    /// <summary>
    /// The total of a list from a page read first: a page that is not full is the last one, so the total is known
    /// without counting (a tenant's timeline of a few notes, its summary requests: one query less for most pages); a
    /// full or an empty page past the first asks <paramref name="count"/>.
    /// </summary>
    public static async Task<int> TotalAsync(int page, int size, int read, Func<CancellationToken, Task<int>> count, CancellationToken ct) =>
        read > 0 && read < size || page == 1 && read == 0 ? (page - 1) * size + read : await count(ct);

    /// <summary>
    /// The mark of a list (see <see cref="PageCursor"/>): the one the reader's cursor carries, or, on a first read, the
    /// highest id of the list's table now. Read before the page itself, so a row added between the two is at most
    /// shown early, never twice.
    /// </summary>
    public static async Task<long> MarkAsync(IQueryable<long> ids, long? mark, CancellationToken ct) =>
        mark ?? await ids.MaxAsync(id => (long?)id, ct) ?? 0;

    /// <summary>The mark of a list whose highest id a compiled query reads (see <see cref="MarkAsync(IQueryable{long}, long?, CancellationToken)"/>).</summary>
    public static async Task<long> MarkAsync(Func<CancellationToken, Task<long?>> highestId, long? mark, CancellationToken ct) =>
        mark ?? await highestId(ct) ?? 0;

    /// <summary>The cursor of the page after this one, or null when this one is the last.</summary>
    public static PageCursor? NextOf(int page, int size, int total, long mark) =>
        (long)page * size < total ? new PageCursor(page + 1, mark.ToString(CultureInfo.InvariantCulture)) : null;
}
