using Headway.Application.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Headway.Application.Reports;

/// <summary>
/// One report: the name its page and API use, the columns of its table, what the portal needs to show it, and
/// how it is computed from <see cref="ReportRows"/> (so it respects the reader's scope, leaves out
/// duplicate/invalid tenants and honours every filter and the "as of" day the same way as the others).
/// Each report is listed in <see cref="ReportCatalogue"/>, which the handler, the pages, the API and its
/// OpenAPI description read.
/// </summary>
public abstract class Report
{
    /// <summary>The stable name: the URL's last segment, the API's value and the suffix of its resource keys.</summary>
    public abstract string Name { get; }

    /// <summary>The resource key of its title.</summary>
    public string TitleKey => "Report_" + Name;

    /// <summary>The resource key of the sentence that says what it shows.</summary>
    public string AboutKey => "ReportAbout_" + Name;

    /// <summary>The key columns of its lines (resource keys, which also say how a key is shown).</summary>
    public abstract IReadOnlyList<string> KeyColumns { get; }

    /// <summary>The value columns of its lines (resource keys).</summary>
    public abstract IReadOnlyList<string> ValueColumns { get; }

    /// <summary>The value column the bar chart draws.</summary>
    public virtual int ChartValue => 0;

    /// <summary>The column whose names the trend's series keys are (an L2, a team …); null for a report without a trend.</summary>
    public virtual string? TrendKeyColumn => null;

    /// <summary>Whether it reads <see cref="ReportFilter.StaleDays"/>; the page offers that field only then.</summary>
    public virtual bool UsesStaleDays => false;

    internal abstract Task<ReportOutput> RunAsync(ReportContext context, CancellationToken ct);
}

/// <summary>What a report computes: its lines, and its trend where it has one.</summary>
internal sealed record ReportOutput(IReadOnlyList<ReportLine> Lines, Trend? Trend = null);

/// <summary>What a report is computed from: the filter, the day it is for, and the rows that filter keeps.</summary>
internal sealed class ReportContext(HeadwayDbContext db, IMemoryCache cache, ReportFilter filter, DateOnly today)
{
    /// <summary>How many months a trend shows, the current one included.</summary>
    public const int TrendMonths = 12;

    public HeadwayDbContext Db => db;

    /// <summary>Holds the closed months of trends (<see cref="MonthEndTrend"/>).</summary>
    public IMemoryCache Cache => cache;

    public ReportFilter Filter => filter;

    /// <summary>The "as of" day, or today.</summary>
    public DateOnly Today => today;

    /// <summary>The rows of <see cref="ReportRows.Query"/> for the filter (a query, not yet run).</summary>
    public IQueryable<ReportRow> Rows { get; } = ReportRows.Query(db, filter);

    /// <summary>The first day of each month of the trend, oldest first, ending with <see cref="Today"/>'s month.</summary>
    public IReadOnlyList<DateOnly> Months => TrendWindow(today);

    public static IReadOnlyList<DateOnly> TrendWindow(DateOnly today) =>
        Enumerable.Range(0, TrendMonths).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - TrendMonths + 1)).ToList();
}
