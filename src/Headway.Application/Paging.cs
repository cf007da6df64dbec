namespace Headway.Application;

/// <summary>One page of a server-side paged list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public static (int Page, int Size) Clamp(int? page, int? size) =>
        (Math.Max(1, page ?? 1), Math.Clamp(size ?? DefaultPageSize, 1, MaxPageSize));

    /// <summary>
    /// The total of a list from a page read first: a page that is not full is the last one, so the total is known
    /// without counting (a tenant's timeline of a few notes, its summary requests: one query less for most pages); a
    /// full or an empty page past the first asks <paramref name="count"/>.
    /// </summary>
    public static async Task<int> TotalAsync(int page, int size, int read, Func<CancellationToken, Task<int>> count, CancellationToken ct) =>
        read > 0 && read < size || page == 1 && read == 0 ? (page - 1) * size + read : await count(ct);
}
