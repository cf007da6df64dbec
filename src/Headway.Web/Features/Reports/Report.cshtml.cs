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

    public string Name { get; private set; } = "";

    public ReportText Text => text;

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken ct)
    {
        Name = name;
        if (!ReportNames.All.Contains(name))
        {
            return NotFound();
        }

        var (filter, refusal) = ReportQuery.Parse(Request.Query);
        if (refusal is not null)
        {
            Error = refusal.Message(CultureInfo.CurrentUICulture.Name);
            return Page();
        }

        Filter = filter!;
        var result = await handler.HandleAsync(new RunReport.Request(name, Filter), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Result = result.Value;
        return Page();
    }

    public string Query(params (string, string?)[] extra) => ReportQuery.ToQuery(Filter, extra);

    public string DrillLink(Drill drill) => "/reports/rows?" + ReportQuery.DrillQuery(Filter, drill);

    /// <summary>Chart.js configuration: the largest lines as bars (first value), and the trend as lines when there is one.</summary>
    public string BarChart()
    {
        var r = Result!;
        var top = r.Lines.Take(ChartBars).ToList();
        return JsonSerializer.Serialize(new
        {
            type = "bar",
            data = new
            {
                labels = top.Select(l => text.Label(r, l)).ToArray(),
                datasets = new[] { new { label = text.Column(r.ValueColumns[r.Report == ReportNames.NoteQuality ? 2 : 0]), data = top.Select(l => l.Values[r.Report == ReportNames.NoteQuality ? 2 : 0]).ToArray() } },
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
