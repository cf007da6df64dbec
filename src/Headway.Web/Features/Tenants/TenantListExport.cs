using Headway.Application.Exports;
using Headway.Application.Tenants;
using Headway.Domain.Results;
using Headway.Web.Features.Exports;
using Headway.Web.Infrastructure;

namespace Headway.Web.Features.Tenants;

/// <summary>
/// The tenant list's download: the rows the list shows with the same filter and sort, every page, written by the
/// export machinery (CSV row by row with its formula escaping, a workbook row by row to a temporary file).
/// </summary>
public static class TenantListExport
{
    public static IReadOnlyList<string> Formats { get; } = ["csv", "xlsx"];

    public const string CsvType = "text/csv";

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<IResult> WriteAsync(HttpContext http, ExportData.Handler handler, TenantFilter filter, string? format, TimeProvider clock, CancellationToken ct)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "csv" : format.Trim().ToLowerInvariant();
        if (!Formats.Contains(kind))
        {
            return Problems.From(Refusal.ForField("format", RefusalCodes.UnknownFilterValue, "format", format!, string.Join(", ", Formats)));
        }

        var opened = handler.OpenTenantList(filter);
        if (!opened.Succeeded)
        {
            return Problems.From(opened.Refusal);
        }

        var table = opened.Value;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"headway-{table.Name}-{clock.GetUtcNow():yyyyMMdd}.{kind}\"";
        if (kind == "xlsx")
        {
            http.Response.ContentType = XlsxType;
            await ExportApi.XlsxAsync(table, http.Response.Body, ct);
        }
        else
        {
            http.Response.ContentType = CsvType + "; charset=utf-8";
            await ExportApi.CsvAsync(table, http.Response.Body, ct);
        }

        return Results.Empty;
    }
}
