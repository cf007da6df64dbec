namespace Headway.Web.Features.Shared;

/// <summary>What the shared pager (_Pager.cshtml) needs: where we are and how to link a page.</summary>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> Link);
