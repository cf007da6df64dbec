namespace Headway.Web.Features.Shared;

/// <summary>
/// What the shared pager (_Pager.cshtml) needs: where we are and how to link a page. <paramref name="CountIsAtLeast"/>
/// when the list was counted only so far and goes on: the page count then reads "20+".
/// </summary>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> Link, bool CountIsAtLeast = false);
