using System.Text;
using System.Text.Json;
using CsvHelper;
using Headway.Application.Exports;
using Headway.Web.Infrastructure;
using Microsoft.OpenApi;

namespace Headway.Web.Features.Exports;

/// <summary>
/// Streams a dataset the reader may see as CSV (UTF-8 with a byte-order mark, so spreadsheets read CJK
/// right), JSON Lines or an Excel workbook. CSV and JSON Lines go to the client row by row as they are read;
/// a workbook is written row by row to a temporary file (a zip archive cannot be sent before it is complete)
/// and then sent. Memory stays flat either way.
/// </summary>
public static class ExportApi
{
    public static IReadOnlyList<string> Formats { get; } = ["csv", "xlsx", "jsonl"];

    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/export/{dataset}", ExportAsync)
            .WithName("Export")
            .WithSummary("Everything the caller may see of one dataset (entitlements, tenants, notes, history), streamed as format=csv (default), xlsx or jsonl. " +
                "The entitlements export has the import's columns, so it can be edited and imported back.")
            .WithTags("Export")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Responses ??= [];
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "The dataset as an attachment: CSV in UTF-8 with a byte-order mark, an Excel workbook, or JSON Lines (one object per row).",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                        [TableDownload.XlsxType] = new()
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                        ["application/x-ndjson"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                };
                return Task.CompletedTask;
            });
        return app;
    }

    private static async Task<IResult> ExportAsync(string dataset, string? format, HttpContext http, ExportData.Handler handler, TimeProvider clock, CancellationToken ct)
    {
        var kind = (format ?? "csv").ToLowerInvariant();
        if (!Formats.Contains(kind))
        {
            return Problems.From(Domain.Results.Refusal.ForField("format", Domain.Results.RefusalCodes.UnknownChoice, format!, string.Join(", ", Formats)));
        }

        var opened = handler.Open(dataset);
        if (!opened.Succeeded)
        {
            return Problems.From(opened.Refusal);
        }

        var table = opened.Value;
        var file = $"headway-{table.Name}-{clock.GetUtcNow():yyyyMMdd}.{kind}";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        switch (kind)
        {
            case "jsonl":
                http.Response.ContentType = "application/x-ndjson; charset=utf-8";
                await JsonLinesAsync(table, http.Response.Body, ct);
                break;
            case "xlsx":
                http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                await XlsxAsync(table, http.Response.Body, ct);
                break;
            default:
                http.Response.ContentType = "text/csv; charset=utf-8";
                await CsvAsync(table, http.Response.Body, ct);
                break;
        }

        return Results.Empty;
    }

    public static async Task CsvAsync(ExportData.Table table, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Application.Exports.FormulaEscape.WriterConfiguration());
        foreach (var column in table.Columns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            foreach (var value in row)
            {
                csv.WriteField(ExportText.Of(value));
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    public static async Task JsonLinesAsync(ExportData.Table table, Stream output, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var rows = 0;
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                for (var i = 0; i < row.Length; i++)
                {
                    json.WritePropertyName(table.Columns[i]);
                    switch (row[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case bool b: json.WriteBooleanValue(b); break;
                        case int n: json.WriteNumberValue(n); break;
                        case long n: json.WriteNumberValue(n); break;
                        default: json.WriteStringValue(ExportText.Of(row[i])); break;
                    }
                }

                json.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            if (++rows % 500 == 0)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();

        async Task FlushAsync()
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(output, ct);
            buffer.SetLength(0);
        }
    }

    public static async Task XlsxAsync(ExportData.Table table, Stream output, CancellationToken ct)
    {
        var path = Path.GetTempFileName();
        try
        {
            await WriteWorkbookAsync(table, path, ct);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            await file.CopyToAsync(output, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the workbook row by row (a sheet per million rows), never holding more than one row.</summary>
    private static async Task WriteWorkbookAsync(ExportData.Table table, string path, CancellationToken ct)
    {
        using var workbook = new WorkbookWriter(path, table.Name, table.Columns);
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            workbook.Add(row);
        }
    }
}
