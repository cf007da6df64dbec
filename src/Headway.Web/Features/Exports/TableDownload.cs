using System.Text.Json.Nodes;
using Headway.Application.Exports;
using Headway.Domain.Results;
using Headway.Web.Infrastructure;
using Microsoft.OpenApi;

namespace Headway.Web.Features.Exports;

/// <summary>
/// A list's download (the tenant list, the executive summaries): the rows the list shows with the same filter and
/// sort, every page, written by the export machinery (CSV row by row with its formula escaping, a workbook row by row
/// to a temporary file), as an attachment named after the list and the day.
/// </summary>
public static class TableDownload
{
    public static IReadOnlyList<string> Formats { get; } = ["csv", "xlsx"];

    public const string CsvType = "text/csv";

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the table <paramref name="open"/> gives in the format asked (csv when none); a refusal or an unknown format is a problem.</summary>
    public static async Task<IResult> WriteAsync(HttpContext http, Func<Result<ExportData.Table>> open, string? format, TimeProvider clock, CancellationToken ct)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "csv" : format.Trim().ToLowerInvariant();
        if (!Formats.Contains(kind))
        {
            return Problems.From(Refusal.ForField("format", RefusalCodes.UnknownFilterValue, "format", format!, string.Join(", ", Formats)));
        }

        var opened = open();
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

    /// <summary>The <c>format</c> parameter's schema, for a download's OpenAPI description.</summary>
    public static OpenApiSchema FormatSchema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. Formats.Select(f => (JsonNode)JsonValue.Create(f))],
    };

    /// <summary>Describes a download's 200 answer: the file as CSV or as a workbook.</summary>
    public static void DescribeFile(OpenApiOperation operation)
    {
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "The file, as an attachment: CSV in UTF-8 with a byte-order mark, or an Excel workbook.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [CsvType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                [XlsxType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
    }
}
