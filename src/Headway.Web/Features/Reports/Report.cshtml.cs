using System.Globalization;
using System.Text.Json;
using Headway.Application.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Reports;

/// <summary>One report: its filters, a chart where a picture reads better, the table with every number drillable, and exports.</summary>
public sealed class ReportModel(RunReport.Handler handler, ReportFilterValues.Handler values, ReportText text, Domain.Taxonomy.WorkloadCatalogue workloads)
    : PageModel
{
    /// <summary>The managers and hashtags the filter's pickers offer.</summary>
    public ReportFilterValues.Values Choices { get; private set; } = new([], []);

    /// <summary>The status matrix report as a matrix (null for every other report).</summary>
    public StatusMatrix? Matrix { get; private set; }

    public ReportResult? Result { get; private set; }

    public ReportFilter Filter { get; private set; } = new();

    public string? Error { get; private set; }

    private Report? _definition;

    /// <summary>The report shown: <see cref="OnGetAsync"/> finds it before the page renders (an unknown name is a 404).</summary>
    public Report Definition => _definition ?? throw new InvalidOperationException("The report page renders only a report of the catalogue.");

    public ReportText Text => text;

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken ct)
    {
        if (ReportCatalogue.Find(name) is not { } report)
        {
            return NotFound();
        }

        _definition = report;
        if (await values.HandleAsync(ct) is { Succeeded: true } choices)
        {
            Choices = choices.Value;
        }

        var (filter, refusal) = ReportQuery.Parse(Request.Query);
        if (refusal is not null)
        {
            Error = refusal.Message(CultureInfo.CurrentUICulture.Name);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Filter = filter!;
        var result = await handler.HandleAsync(new RunReport.Request(report.Name, Filter), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Result = result.Value;
        if (report is StatusMatrixReport)
        {
            Matrix = StatusMatrix.From(Result, workloads.Entitlements.Select(w => w.Code).ToList());
        }

        return Page();
    }

    public string Query(params (string, string?)[] extra) => ReportQuery.ToQuery(Filter, extra);

    public string DrillLink(Drill drill) => "/reports/rows?" + ReportQuery.DrillQuery(Filter, drill);

    /// <summary>The entitlements behind a cell of the matrix: an L1 row (any L2) or an L2 row, in one workload or all.</summary>
    public string MatrixLink(StatusMatrix.Row row, string? workload)
    {
        var f = workload is null ? Filter : Filter with { Workloads = [workload] };
        return "/reports/rows?" + ReportQuery.ToQuery(f, ("l1", row.L1), ("l2", row.IsL1 ? null : row.L2 ?? ""));
    }

    /// <summary>
    /// Chart.js configuration: the largest lines as bars (the report's chart value), each bar leading to what lies behind it
    /// (<c>links</c>, read by the page's script), and the trend as lines when there is one.
    /// </summary>
    public string BarChart()
    {
        var r = Result!;
        var v = ReportChart.ValueIndex(r);
        var top = ReportChart.Largest(r);
        return JsonSerializer.Serialize(new
        {
            type = "bar",
            links = top.Select(LineLink).ToArray(),
            data = new
            {
                labels = top.Select(l => text.Label(r, l)).ToArray(),
                datasets = new[] { new { label = text.Column(r.ValueColumns[v]), data = top.Select(l => l.Values[v]).ToArray() } },
            },
            options = new { indexAxis = "y", animation = false, maintainAspectRatio = false, plugins = new { legend = new { display = false } } },
        });
    }

    /// <summary>Where a line's first number leads: a tag's overall notes, or the entitlements behind it.</summary>
    public string LineLink(ReportLine line) =>
        line.Drill is { OverallNotes: true, Tag: { } tag } ? "/tags/" + Uri.EscapeDataString(tag) : DrillLink(line.Drill);

    public string? TrendChart()
    {
        var r = Result!;
        if (r.Trend is not { Series.Count: > 0 } trend)
        {
            return null;
        }

        return JsonSerializer.Serialize(new
        {
            type = "line",
            data = new
            {
                labels = trend.Months.Select(m => m.ToString("Y", CultureInfo.CurrentCulture)).ToArray(),
                datasets = trend.Series.OrderByDescending(s => s.Values.Sum()).Take(8).Select(s => new { label = text.Series(r, s.Key), data = s.Values }).ToArray(),
            },
            options = new { animation = false, maintainAspectRatio = false },
        });
    }
}
