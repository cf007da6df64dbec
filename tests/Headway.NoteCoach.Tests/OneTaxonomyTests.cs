using System.Text.Json;
using System.Text.Json.Nodes;
using Headway.Domain.Languages;
using Headway.NoteCoach.Languages;

namespace Headway.NoteCoach.Tests;

/// <summary>
/// The coach reads its L1/L2 codes and names from the Domain's taxonomy file, and every language has cues for every
/// L2 of it: an L2 added to the Domain's data without cues in each language fails here.
/// </summary>
public class OneTaxonomyTests
{
    private static JsonDocument DomainFile() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Taxonomy", "taxonomy.json")));

    [Fact]
    public void TheCoachsCodes_AreTheDomainsTaxonomy_InItsOrder()
    {
        using var file = DomainFile();
        var l1s = file.RootElement.GetProperty("l1").EnumerateArray().ToList();

        Assert.Equal(l1s.Select(l => l.GetProperty("code").GetString()), Taxonomy.L1Codes);
        Assert.Equal(
            l1s.SelectMany(l => l.GetProperty("l2").EnumerateArray().Select(l2 => (L1: l.GetProperty("code").GetString(), L2: l2.GetProperty("code").GetString()))),
            Taxonomy.L2Codes.Select((l2, i) => (L1: (string?)Taxonomy.L1Codes[Taxonomy.L1OfL2[i]], L2: (string?)l2)));
    }

    [Fact]
    public void EveryLanguage_HasCuesForEveryL2_AndEveryStatusHasANameInEveryUiLanguage() =>
        Assert.Empty(LanguageProfileLoader.Gaps(Coach.Default.Profiles, Taxonomy.Data, UiLanguageNames.All));

    [Fact]
    public void AnL2AddedToTheDomainsDataWithoutCues_IsAGapInEveryLanguage()
    {
        using var file = DomainFile();
        var root = JsonNode.Parse(file.RootElement.GetRawText())!;
        var blocked = root["l1"]!.AsArray().Single(l => (string?)l!["code"] == "Blocked")!;
        blocked["l2"]!.AsArray().Add(new JsonObject
        {
            ["code"] = "QuantumReadiness",
            ["name"] = new JsonObject { ["en"] = "Quantum readiness", ["zh-Hans"] = "量子就绪", ["de"] = "Quantenbereitschaft", ["ja"] = "量子対応" },
        });
        using var changed = JsonDocument.Parse(root.ToJsonString());
        var taxonomy = TaxonomyData.Read(changed.RootElement);

        var files = LanguageProfileLoader.ReadEmbedded(typeof(Coach).Assembly);
        try
        {
            var profiles = LanguageProfileLoader.Load(files, taxonomy, out _);
            var gaps = LanguageProfileLoader.Gaps(profiles, taxonomy, UiLanguageNames.All);

            Assert.Equal(profiles.Keys.Order().Select(l => $"{l}: no cue of weight 2 or more for L2 QuantumReadiness (cues.json)"), gaps);
        }
        finally
        {
            foreach (var document in files.Values)
            {
                document.Dispose();
            }
        }
    }

    [Fact]
    public void AnL2RemovedFromTheDomainsData_StopsTheCuesFromLoading()
    {
        using var file = DomainFile();
        var root = JsonNode.Parse(file.RootElement.GetRawText())!;
        var blocked = root["l1"]!.AsArray().Single(l => (string?)l!["code"] == "Blocked")!["l2"]!.AsArray();
        blocked.Remove(blocked.Single(l2 => (string?)l2!["code"] == "ServiceReliability"));
        using var changed = JsonDocument.Parse(root.ToJsonString());
        var taxonomy = TaxonomyData.Read(changed.RootElement);

        var files = LanguageProfileLoader.ReadEmbedded(typeof(Coach).Assembly);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => LanguageProfileLoader.Load(files, taxonomy, out _));
            Assert.Contains("'ServiceReliability' is not an L2 of the taxonomy", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var document in files.Values)
            {
                document.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("Corpus")]
    [InlineData("Holdout")]
    [InlineData("Field")]
    [InlineData("Field2")]
    [InlineData("Dev")]
    [InlineData("Dev2")]
    public void EveryLabelledSet_UsesOnlyTheTaxonomysCodes(string set)
    {
        var unknown = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, set), "*.jsonl"))
        {
            foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                using var note = JsonDocument.Parse(line);
                string? Code(string name) => note.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;
                var id = Code("id");
                if (Code("l1") is { } l1 && Taxonomy.L1Index(l1) < 0)
                {
                    unknown.Add($"{id}: l1 {l1}");
                }

                foreach (var name in new[] { "l2", "suggestedL2" })
                {
                    if (Code(name) is { } l2 && Taxonomy.L2Index(l2) < 0)
                    {
                        unknown.Add($"{id}: {name} {l2}");
                    }
                }
            }
        }

        Assert.Empty(unknown);
    }

    public static TheoryData<string, string, string> StatusNames()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var language in Coach.Default.Languages)
        {
            var ui = UiLanguageNames.Normalize(language);
            for (var i = 0; i < Taxonomy.L2Codes.Length; i++)
            {
                data.Add(language, Taxonomy.L2Codes[i], Taxonomy.Data.Names[Taxonomy.L2Codes[i]][ui]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatusNames))]
    public void ANoteThatOnlyNamesItsL2_IsNeverGood(string language, string l2, string name)
    {
        var l1 = Taxonomy.L1Codes[Taxonomy.L1OfL2[Taxonomy.L2Index(l2)]];
        var result = Coach.Default.Analyze(new NoteInput(name + (language is "zh" or "ja" ? "。" : "."), l1, l2, language));

        Assert.True(result.Grade != Grade.Good, $"{language} {l2}: \"{name}\" is Good");
    }

    [Theory]
    [InlineData("en", "Service reliability")]
    [InlineData("de", "Dienstzuverlässigkeit")]
    [InlineData("zh-Hans", "服务可靠性")]
    [InlineData("ja", "サービスの信頼性")]
    public void AFindingNamesTheStatus_ByTheTaxonomysName(string ui, string expected)
    {
        using var file = DomainFile();
        var names = file.RootElement.GetProperty("l1").EnumerateArray().SelectMany(l => l.GetProperty("l2").EnumerateArray())
            .Single(l2 => l2.GetProperty("code").GetString() == "ServiceReliability").GetProperty("name");
        Assert.Equal(expected, names.GetProperty(ui).GetString());

        var finding = new Finding("L2Mismatch", Severity.Warning, 0, 0, ["ServiceReliability", "LegalRegulatory"], "ChangeL2");

        Assert.Contains(expected, Coach.Default.RenderMessage(finding, ui), StringComparison.Ordinal);
    }
}
