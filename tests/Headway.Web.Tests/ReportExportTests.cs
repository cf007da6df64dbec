using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using CsvHelper;
using Headway.Domain.Taxonomy;
using Headway.Testing;

namespace Headway.Web.Tests;

public class ReportExportTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private async Task<JsonElement> JsonAsync(string lang)
    {
        using var client = server.NewClient(lang);
        return await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/status-matrix");
    }

    [Fact]
    public async Task Excel_OpensInASpreadsheetLibraryWithTheChineseNamesAndTheSameNumbers()
    {
        using var client = server.NewClient("zh-CN");
        var json = await JsonAsync("zh-CN");

        var response = await client.GetAsync("/api/v1/reports/status-matrix?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheets.First();
        Assert.Equal("状态矩阵", sheet.Name);
        var lines = json.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(lines.Count + 1, sheet.LastRowUsed()!.RowNumber());
        for (var i = 0; i < lines.Count; i++)
        {
            var labels = lines[i].GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
            Assert.Equal(labels[0], sheet.Cell(i + 2, 1).GetString());
            Assert.Equal(lines[i].GetProperty("values")[0].GetDouble(), sheet.Cell(i + 2, 4).GetDouble());
        }

        Assert.Contains(Enumerable.Range(2, lines.Count).Select(r => sheet.Cell(r, 1).GetString()), s => s == StatusTaxonomy.Default.FindL1("Blocked")!.Name.Get("zh-Hans"));
    }

    [Fact]
    public async Task Csv_IsUtf8WithBomAndReadsBackWithTheJapaneseNames()
    {
        using var client = server.NewClient("ja-JP");

        var bytes = await client.GetByteArrayAsync("/api/v1/reports/blockers?format=csv");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        using var reader = new CsvReader(new StringReader(System.Text.Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (await reader.ReadAsync())
        {
            records.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!).ToArray());
        }

        Assert.Equal(["サブステータス", "ワークロード", "利用資格", "シート数"], records[0]);
        Assert.Contains(records.Skip(1), r => r[0] == StatusTaxonomy.Default.FindL2("CustomerItInfrastructureRemediation")!.Name.Get("ja"));
    }

    [Fact]
    public async Task BadFilter_IsAProblemInTheReadersLanguage()
    {
        using var client = server.NewClient("de-DE");

        var response = await client.GetAsync("/api/v1/reports/hygiene?asOf=2026-13-01");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidDate", problem.GetProperty("code").GetString());
        Assert.Contains("2026-13-01", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
