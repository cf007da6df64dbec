using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using CsvHelper;
using Headway.Testing;

namespace Headway.Web.Tests;

public class ExportTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private async Task<int> EntitlementTotalAsync(HttpClient client)
    {
        var total = 0;
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?pageSize=200&page={page}");
            total += list.GetProperty("items").EnumerateArray().Sum(t => t.GetProperty("entitlements").GetInt32());
            if (page * 200 >= list.GetProperty("total").GetInt32())
            {
                return total;
            }
        }
    }

    [Fact]
    public async Task EntitlementsCsv_APartnerManager_GetsExactlyTheirScopeWithTheImportColumns()
    {
        using var client = server.NewClient("ja", "manager@kestrel.example");
        var expected = await EntitlementTotalAsync(client);
        var ownTenants = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetInt64()).ToHashSet();

        var response = await client.GetAsync("/api/v1/export/entitlements?format=csv");
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(Application.Imports.ImportColumns.All, rows[0].Keys);
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Contains(long.Parse((string)r["id"], CultureInfo.InvariantCulture), ownTenants));
        Assert.All(rows, r => Assert.Equal("Kestrel Consulting", (string)r["partner"]));
    }

    [Fact]
    public async Task EntitlementsCsv_ImportedBackUnchanged_IsAllUnchangedWithoutAProblem()
    {
        using var client = server.NewClient("en", "gateway@centre.example");
        var export = await client.GetByteArrayAsync("/api/v1/export/entitlements");

        var check = await client.PostAsync("/api/v1/imports?fileName=export.csv&dryRun=true", new ByteArrayContent(export) { Headers = { ContentType = new("text/csv") } });
        var result = await check.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(0, result.GetProperty("problems").GetArrayLength());
        Assert.Equal(result.GetProperty("rows").GetInt32(), result.GetProperty("unchanged").GetInt32());
        Assert.Equal(await EntitlementTotalAsync(client), result.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task JsonLinesAndExcel_CarryEveryRowOfTheirDataset()
    {
        using var client = server.NewClient("de");
        var tenants = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=1")).GetProperty("total").GetInt32();

        var lines = (await client.GetStringAsync("/api/v1/export/tenants?format=jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var history = (await client.GetStringAsync("/api/v1/export/history?format=jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var xlsx = await client.GetAsync("/api/v1/export/notes?format=xlsx");
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var notes = (await client.GetStringAsync("/api/v1/export/notes?format=jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(tenants, lines.Length);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64() > 0));
        Assert.Contains(history, l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString() == "Edited");
        Assert.Equal("attachment; filename=\"headway-notes-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".xlsx\"",
            xlsx.Content.Headers.ContentDisposition!.ToString());
        var sheet = workbook.Worksheets.Single();
        Assert.Equal("text", sheet.Cell(1, 5).GetString());
        Assert.Equal(notes.Length + 1, sheet.LastRowUsed()!.RowNumber());
    }

    [Fact]
    public async Task Export_ProductAnalystUnknownDatasetOrFormat_AreRefused()
    {
        using var analyst = server.NewClient("en", "product-analyst@centre.example");
        using var manager = server.NewClient("ja");

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/export/entitlements")).StatusCode);
        var dataset = await manager.GetAsync("/api/v1/export/secrets");
        var format = await manager.GetAsync("/api/v1/export/tenants?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, dataset.StatusCode);
        Assert.Contains("選択肢", await dataset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
    }
}
