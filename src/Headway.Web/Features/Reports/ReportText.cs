using System.Globalization;
using Headway.Application.Reports;
using Headway.Domain.Taxonomy;
using Headway.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Headway.Web.Features.Reports;

/// <summary>A report's headers and cells in the reader's language: codes become names, numbers stay numbers.</summary>
public sealed class ReportText(IStringLocalizer<SharedResource> t)
{
    private static string Lang => SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);

    public string Title(string report) => t[ReportCatalogue.Find(report)?.TitleKey ?? report];

    public string Column(string key) => t[key];

    public string Cell(string column, string? code) => column switch
    {
        "ColL1" => StatusTaxonomy.Default.FindL1(code)?.Name.Get(Lang) ?? code ?? "",
        "ColL2" => code is null or "" ? t["NoneOption"] : StatusTaxonomy.Default.FindL2(code)?.Name.Get(Lang) ?? code,
        "ColWorkload" => code ?? t["HashtagOnOverallNote"],
        "ColRegion" => code is null ? "" : Countries.Region(code),
        "ColReason" => t["Hygiene" + code],
        "ColTeam" => string.IsNullOrEmpty(code) ? t["ProgrammeCentre"] : code,
        "ColManager" => code ?? t["AllManagers"],
        _ => code ?? "",
    };

    /// <summary>The key cells of a line, joined, as a chart label.</summary>
    public string Label(ReportResult r, ReportLine line) =>
        string.Join(" · ", r.KeyColumns.Select((c, i) => Cell(c, line.Keys[i])).Where(s => s.Length > 0));

    /// <summary>A trend series' name: its key shown as the report's trend key column shows it (an L2's name, a team …).</summary>
    public string Series(ReportResult r, string key) =>
        ReportCatalogue.Find(r.Report)?.TrendKeyColumn is { } column ? Cell(column, key) : key;
}
