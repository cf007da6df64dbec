using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// A note or a name that a spreadsheet would run as a formula is exported escaped (an apostrophe before it, as OWASP
/// recommends), in every CSV export, and an export imports back unchanged.
/// </summary>
public class FormulaExportTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    private const string Name = "=cmd|' /C calc'!A0 Handels GmbH";
    private const string Note = "@SUM(1+1)*cmd|' /C calc'!A0 is what the proxy log shows; the customer is blocked by it.";
    private const string Overall = "+HYPERLINK(\"http://evil.example\",\"Kick-off\") held with the customer's IT lead.";
    private const string Quoted = "'already quoted' by the customer's lawyer, who forbids storing data abroad.";

    [Fact]
    public async Task CsvExports_CellsThatSpreadsheetsRun_AreEscapedAndTheEntitlementsImportBackUnchanged()
    {
        using var gateway = server.NewClient(user: "gateway@centre.example");
        using var manager = server.NewClient();
        var imported = await gateway.PostAsync("/api/v1/imports?fileName=t.csv",
            new StringContent($"tenant,country,workload,manager\n\"{Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",DE,EXO,{HeadwayServer.Manager}\n",
                Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var tenant = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/tenants?search=Handels")).GetProperty("items")[0].GetProperty("id").GetInt64();
        await PutNoteAsync(manager, tenant, "EXO", Note);
        var other = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=50")).GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && t.GetProperty("id").GetInt64() != tenant && !t.GetProperty("duplicate").GetBoolean());
        var otherId = other.GetProperty("id").GetInt64();
        var otherWorkload = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{otherId}")).GetProperty("entitlements")[0].GetProperty("workload").GetString()!;
        await PutNoteAsync(manager, otherId, otherWorkload, Quoted);
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"/api/v1/tenants/{tenant}/notes", new { type = "EngagementManagement", text = Overall })).StatusCode);

        var cells = new Dictionary<string, List<string>>();
        foreach (var dataset in new[] { "entitlements", "tenants", "notes", "history" })
        {
            cells[dataset] = Cells(await gateway.GetStringAsync($"/api/v1/export/{dataset}?format=csv"));
        }

        Assert.Contains("'" + Name, cells["tenants"]);
        Assert.Contains("'" + Name, cells["entitlements"]);
        Assert.Contains("'" + Note, cells["entitlements"]);
        Assert.Contains("''" + Quoted[1..], cells["entitlements"]);
        Assert.Contains("'" + Overall, cells["notes"]);
        foreach (var (dataset, values) in cells)
        {
            Assert.DoesNotContain(values, c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal));
        }

        var export = await gateway.GetByteArrayAsync("/api/v1/export/entitlements");
        var check = await gateway.PostAsync("/api/v1/imports?fileName=export.csv&dryRun=true", new ByteArrayContent(export) { Headers = { ContentType = new("text/csv") } });
        var result = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, result.GetProperty("problems").GetArrayLength());
        Assert.Equal(result.GetProperty("rows").GetInt32(), result.GetProperty("unchanged").GetInt32());
    }

    private static List<string> Cells(string csvText)
    {
        using var reader = new StringReader(csvText);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var cells = new List<string>();
        while (csv.Read())
        {
            cells.AddRange(csv.Record!);
        }

        return cells;
    }

    private static async Task PutNoteAsync(HttpClient client, long tenant, string workload, string note)
    {
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/entitlements/{workload}");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new { l1 = "Blocked", l2 = "CustomerItInfrastructureRemediation", note }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{current.GetProperty("version").GetInt32()}\"");
        var response = await client.SendAsync(put);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
