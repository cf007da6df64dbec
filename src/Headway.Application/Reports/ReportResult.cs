namespace Headway.Application.Reports;

/// <summary>
/// What lies behind one number: the same filter plus these conditions. <see cref="Hygiene"/> names a
/// hygiene reason; <see cref="Tag"/> a hashtag on the tenant's overall notes, <see cref="Hashtag"/> one in the status note.
/// <see cref="OverallNotes"/> marks a number of overall notes (with <see cref="Tag"/>): the portal opens the tag's notes
/// for it rather than entitlements.
/// </summary>
public sealed record Drill(string? L1 = null, string? L2 = null, string? Workload = null, string? Hygiene = null,
    string? Tag = null, string? Manager = null, long? PartnerId = null, bool CentreOnly = false, string? Region = null, string? Hashtag = null,
    bool OverallNotes = false);

/// <summary>One line of a report: its keys (codes, localized by the reader) and its numbers, with what lies behind them.</summary>
public sealed record ReportLine(IReadOnlyList<string?> Keys, IReadOnlyList<double> Values, Drill Drill);

/// <summary>A series over time: for each month (its first day), one number per key.</summary>
public sealed record Trend(IReadOnlyList<DateOnly> Months, IReadOnlyList<TrendSeries> Series);

public sealed record TrendSeries(string Key, IReadOnlyList<double> Values);

/// <summary>
/// A report as a table: key columns and value columns (names are resource keys), its lines, and a trend
/// where the report has one. The same shape feeds the page, the chart, JSON, CSV and Excel.
/// </summary>
public sealed record ReportResult(string Report, IReadOnlyList<string> KeyColumns, IReadOnlyList<string> ValueColumns,
    IReadOnlyList<ReportLine> Lines, Trend? Trend, DateOnly? AsOf);
