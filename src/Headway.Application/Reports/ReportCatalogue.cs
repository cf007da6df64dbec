namespace Headway.Application.Reports;

/// <summary>
/// The reports there are, in the order the portal lists them. The handler, the report pages, the API (its
/// validation, summary and the OpenAPI list of names) and the tests all read this list, so a report added
/// here is offered everywhere; a test fails for a <see cref="Report"/> type that is not listed.
/// </summary>
public static class ReportCatalogue
{
    public static IReadOnlyList<Report> All { get; } =
    [
        new StatusMatrixReport(),
        new BlockersReport(),
        new NoIntentReport(),
        new HygieneReport(),
        new HashtagsReport(),
        new NoteQualityReport(),
    ];

    /// <summary>The report of that name (ordinal: names are URL segments), or null.</summary>
    public static Report? Find(string? name) => All.FirstOrDefault(r => r.Name == name);
}
