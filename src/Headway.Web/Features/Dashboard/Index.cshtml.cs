using System.Globalization;
using System.Text.Json;
using Headway.Application.Dashboard;
using Headway.Application.Reports;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Web.Features.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Dashboard;

/// <summary>
/// The landing of regional managers and leadership: their scope at a glance, each number one click from the report
/// rows behind it. The API's <c>GET /api/v1/dashboard</c> answers the same from the same use case.
/// </summary>
public sealed class IndexModel(GetDashboard.Handler handler) : PageModel
{
    /// <summary>How many sub-statuses the blockers chart draws besides the total.</summary>
    public const int ChartedBlockers = 5;

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public GetDashboard.Response? Dashboard { get; private set; }

    public string? Error { get; private set; }

    public static IReadOnlyList<string> Regions => Geography.Default.Regions;

    private static string Lang => SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetDashboard.Request(Region), ct);
        if (!result.Succeeded)
        {
            if (result.Refusal.Code == RefusalCodes.Forbidden)
            {
                return Forbid();
            }

            Error = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
            return Page();
        }

        Dashboard = result.Value;
        return Page();
    }

    /// <summary>The report rows behind a number: the dashboard's region, a manager's tenants if given, and the conditions.</summary>
    public string RowsLink(string? manager, params (string Name, string? Value)[] conditions) =>
        "/reports/rows?" + ReportQuery.ToQuery(new ReportFilter(Regions: Dashboard?.Region is { } region ? [region] : null, Manager: manager), conditions);

    /// <summary>A report of the catalogue, in the dashboard's region.</summary>
    public string ReportLink(string report) => $"/reports/{report}?" + ReportQuery.ToQuery(new ReportFilter(Regions: Dashboard?.Region is { } region ? [region] : null));

    public static string L1Name(string code) => StatusTaxonomy.Default.FindL1(code)?.Name.Get(Lang) ?? code;

    public static string L2Name(string code) => StatusTaxonomy.Default.FindL2(code)?.Name.Get(Lang) ?? code;

    /// <summary>The blocked entitlements of each month of the trend: the sum of its sub-statuses.</summary>
    public IReadOnlyList<double> BlockedPerMonth() =>
        Dashboard!.Blockers.Months.Select((_, i) => Dashboard.Blockers.Series.Sum(s => s.Values[i])).ToList();

    /// <summary>Chart.js: entitlements per status, as horizontal bars.</summary>
    public string StatusChart() => JsonSerializer.Serialize(new
    {
        type = "bar",
        data = new
        {
            labels = Dashboard!.StatusMix.Select(s => L1Name(s.L1)).ToArray(),
            datasets = new[] { new { label = "", data = Dashboard.StatusMix.Select(s => s.Entitlements).ToArray() } },
        },
        options = new { indexAxis = "y", animation = false, plugins = new { legend = new { display = false } } },
    });

    /// <summary>Chart.js: the blocked total and the largest sub-statuses month by month.</summary>
    public string BlockersChart(string totalLabel) => JsonSerializer.Serialize(new
    {
        type = "line",
        data = new
        {
            labels = Dashboard!.Blockers.Months.Select(m => m.ToString("Y", CultureInfo.CurrentCulture)).ToArray(),
            datasets = new[] { new { label = totalLabel, data = BlockedPerMonth() } }
                .Concat(Dashboard.Blockers.Series.Take(ChartedBlockers).Select(s => new { label = L2Name(s.Key), data = s.Values }))
                .ToArray(),
        },
        options = new { animation = false },
    });
}
