using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ClosedXML.Excel;
using CsvHelper;
using Headway.Domain.Taxonomy;
using Headway.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Svg_DrawsTheLargestLinesLargestFirstInTheReadersLanguage()
    {
        using var client = server.NewClient("ja-JP");
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/status-matrix");
        var largest = json.GetProperty("lines").EnumerateArray()
            .Select(l => (Label: string.Join(" · ", l.GetProperty("labels").EnumerateArray().Select(x => x.GetString()).Where(x => x!.Length > 0)),
                Value: l.GetProperty("values")[0].GetDouble()))
            .OrderByDescending(l => l.Value).Take(15).ToList();

        var response = await client.GetAsync("/api/v1/reports/status-matrix?format=svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        XNamespace svg = "http://www.w3.org/2000/svg";
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(svg + "svg", document.Root!.Name);
        Assert.Equal(json.GetProperty("title").GetString(), document.Root.Element(svg + "title")!.Value);
        var bars = document.Root.Elements(svg + "g").Select(g => g.Element(svg + "title")!.Value).ToList();
        Assert.Equal(largest.Select(l => l.Label + ": " + l.Value.ToString("N0", CultureInfo.GetCultureInfo("ja-JP"))), bars);
        Assert.True(largest[0].Value > largest[^1].Value, "the demo data's matrix has lines of different sizes");
    }

    [Fact]
    public void Svg_ALabelWithCharactersXmlCannotHoldOrCutMidPair_IsStillADocument()
    {
        // A long key of rare CJK characters (surrogate pairs), cut where a pair would split, with a control character.
        var key = string.Concat(Enumerable.Repeat("𠮷", 30)) + "\u0007";
        var result = new Application.Reports.ReportResult("status-matrix", ["ColL1", "ColL2", "ColWorkload"], ["ColEntitlements", "ColSeats"],
            [new Application.Reports.ReportLine(["Blocked", "LegalRegulatory", key], [3, 120], new Application.Reports.Drill())], null, null);
        using var scope = server.Services.CreateScope();

        var svg = Encoding.UTF8.GetString(Features.Reports.ReportChart.Svg(result, scope.ServiceProvider.GetRequiredService<Features.Reports.ReportText>()));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var bar = XDocument.Parse(svg).Root!.Element(ns + "g")!;
        Assert.EndsWith("𠮷: 3", bar.Element(ns + "title")!.Value, StringComparison.Ordinal);
        Assert.EndsWith("𠮷…", bar.Element(ns + "text")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regions_SeveralAreKeptTogetherAndAnUnknownOneIsRefused()
    {
        using var client = server.NewClient("de-DE");

        async Task<double> TotalAsync(string query) =>
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/status-matrix?" + query)).GetProperty("lines").EnumerateArray()
            .Sum(l => l.GetProperty("values")[0].GetDouble());

        var emea = await TotalAsync("region=EMEA");
        var japan = await TotalAsync("region=Japan");
        Assert.True(emea > 0 && japan > 0);
        Assert.Equal(emea + japan, await TotalAsync("region=EMEA&region=Japan"));
        Assert.True(await TotalAsync("") > emea + japan);

        var response = await client.GetAsync("/api/v1/reports/status-matrix?region=EMEA&region=Mars");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UnknownFilterValue", problem.GetProperty("code").GetString());
        Assert.Equal("region", problem.GetProperty("field").GetString());
        Assert.Contains("Mars", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterValues_OfferTheManagersAndTagsOfTheCallersScopeOnly()
    {
        using var centre = server.NewClient("en-US", "product-analyst@centre.example");
        using var partner = server.NewClient("en-US", "product-analyst@bluefield.example");

        var all = await centre.GetFromJsonAsync<JsonElement>("/api/v1/reports/filter-values");
        var own = await partner.GetFromJsonAsync<JsonElement>("/api/v1/reports/filter-values");

        var allManagers = all.GetProperty("managers").EnumerateArray().Select(m => m.GetString()!).ToList();
        var ownManagers = own.GetProperty("managers").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains("manager@bluefield.example", allManagers);
        Assert.Contains("manager@kestrel.example", allManagers);
        Assert.Contains("manager@bluefield.example", ownManagers);
        Assert.DoesNotContain(ownManagers, m => m.EndsWith("@kestrel.example", StringComparison.Ordinal) || m.EndsWith("@centre.example", StringComparison.Ordinal));
        var tags = all.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.False(t.StartsWith('#') || t.Contains(' ', StringComparison.Ordinal)));

        // Every manager offered narrows the report to that manager's tenants.
        var report = await partner.GetFromJsonAsync<JsonElement>("/api/v1/reports/status-matrix?manager=" + Uri.EscapeDataString(ownManagers[0]));
        Assert.NotEmpty(report.GetProperty("lines").EnumerateArray());
    }
}
