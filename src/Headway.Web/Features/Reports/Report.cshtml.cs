using System.Globalization;
using System.Text.Json;
using Headway.Application.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Reports;

/// <summary>One report: its filters, a chart where a picture reads better, the table with every number drillable, and exports.</summary>
public sealed class ReportModel(RunReport.Handler handler, ReportText text) : PageModel
{
    public const int ChartBars = 15;

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
        return Page();
    }

    public string Query(params (string, string?)[] extra) => ReportQuery.ToQuery(Filter, extra);

    public string DrillLink(Drill drill) => "/reports/rows?" + ReportQuery.DrillQuery(Filter, drill);

    /// <summary>Chart.js configuration: the first lines as bars (the report's chart value), and the trend as lines when there is one.</summary>
    public string BarChart()
    {
        var r = Result!;
        var v = Definition.ChartValue;
        var top = r.Lines.Take(ChartBars).ToList();
        return JsonSerializer.Serialize(new
        {
            type = "bar",
            data = new
            {
                labels = top.Select(l => text.Label(r, l)).ToArray(),
                datasets = new[] { new { label = text.Column(r.ValueColumns[v]), data = top.Select(l => l.Values[v]).ToArray() } },
            },
            options = new { indexAxis = "y", animation = false, plugins = new { legend = new { display = false } } },
        });
    }

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
                datasets = trend.Series.Take(8).Select(s => new { label = text.Series(r, s.Key), data = s.Values }).ToArray(),
            },
            options = new { animation = false },
        });
    }
}
