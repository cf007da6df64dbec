using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Domain.Entitlements;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// What the compiled pages' check does for the pages' own words, this does for the values they show: no status,
/// sub-status or enum value reaches a reader as its code ("InProgress", "PartnerLed", "ItChangeManagementResourcing").
/// The pages of every role's day are read in German and Japanese, as the reader sees them: the text between tags and
/// the attributes that are read out, never the values a form sends.
/// </summary>
public partial class HardCodedTextTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    /// <summary>Every code a reader must see by its name: multi-word codes, which no sentence of a note or a name contains.</summary>
    private static readonly HashSet<string> Codes = StatusTaxonomy.Default.L1s.Select(l => l.Code)
        .Concat(StatusTaxonomy.Default.L2s.Select(l => l.Code))
        .Concat(Enum.GetNames<EngagementScenario>()).Concat(Enum.GetNames<OverallNoteType>()).Concat(Enum.GetNames<NoteRevisionKind>())
        .Concat(Enum.GetNames<EngagementStatus>()).Concat(Enum.GetNames<DeploymentProgress>()).Concat(Enum.GetNames<ChangeKind>())
        .Concat(Enum.GetNames<EntitlementField>()).Concat(FieldChange.Fields)
        .Where(c => CamelWords().IsMatch(c))
        .ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("de")]
    [InlineData("ja")]
    public async Task Pages_ShowEveryCodeByItsName_InTheReadersLanguage(string lang)
    {
        using var manager = server.NewClient();
        using var regional = server.NewClient(user: "regional-manager@centre.example");
        using var admin = server.NewClient(user: HeadwayServer.Admin);
        var tenants = await manager.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=5&mine=true");
        var id = tenants.GetProperty("items")[0].GetProperty("id").GetInt64();
        var workload = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}")).GetProperty("entitlements")[0].GetProperty("workload").GetString();
        var pages = new (HttpClient Client, string Path)[]
        {
            (manager, "/"), (manager, "/tenants"), (manager, $"/tenants/{id}"), (manager, $"/tenants/{id}/history"),
            (manager, $"/tenants/{id}/entitlements/{workload}/edit"), (manager, "/worklist/overdue"), (manager, "/worklist/poor-note"),
            (manager, "/search?q=migration"), (manager, "/notifications"), (manager, $"/tenants/{id}/summaries/new"),
            (regional, "/dashboard"), (regional, "/summaries"), (regional, "/summaries/requests"), (regional, "/reports/status-matrix"),
            (regional, "/reports/blockers"), (regional, "/reports/hygiene"), (regional, "/reports/no-intent"), (regional, "/reports/rows?l1=Blocked"),
            (regional, "/reports/rows?l1=InProgress&l2=Migration"), (admin, "/admin/audit"), (admin, "/admin/users"), (admin, "/admin/taxonomy"),
        };
        var found = new List<string>();

        foreach (var (client, path) in pages)
        {
            using var response = await client.GetAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=" + lang);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            var shown = Shown(await response.Content.ReadAsStringAsync());
            if (path.StartsWith("/reports/rows?l1=Blocked", StringComparison.Ordinal))
            {
                // The scan reads what the reader reads: here the status by its name.
                Assert.Contains(StatusTaxonomy.Default.FindL1("Blocked")!.Name.Get(lang), shown, StringComparison.Ordinal);
            }

            found.AddRange(CamelWords().Matches(shown).Select(m => m.Value).Where(Codes.Contains).Distinct().Select(code => $"{path}: {code}"));
        }

        Assert.True(Codes.Count > 30, $"only {Codes.Count} codes");
        Assert.True(found.Count == 0, "Codes shown as codes:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Shown_IsTheTextAndTheReadAttributes_NotScriptsOrFormValues()
    {
        var shown = Shown("<script>var s = 'InProgress';</script><option value=\"PartnerLed\">Partnergeführt</option><td title=\"NoIntent\">Blockiert</td>");

        Assert.Contains("Partnergeführt", shown, StringComparison.Ordinal);
        Assert.Contains("NoIntent", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("InProgress", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("PartnerLed", shown, StringComparison.Ordinal);
        Assert.Equal(["NoIntent"], CamelWords().Matches(shown).Select(m => m.Value).Where(Codes.Contains));
    }

    /// <summary>The text between tags and the attributes people read (title, aria-label, placeholder, alt), entities decoded.</summary>
    private static string Shown(string html)
    {
        var body = ScriptOrStyle().Replace(html, " ");
        var attributes = ReadAttribute().Matches(body).Select(m => m.Groups[2].Value);
        var text = Tag().Replace(body, " ");
        return WebUtility.HtmlDecode(string.Join(" ", attributes.Append(text)));
    }

    [GeneratedRegex(@"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex CamelWords();
}
