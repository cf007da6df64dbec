using System.Text.Json;

namespace Headway.Web.Tests;

/// <summary>
/// docs/glossary.md is the word list of each language: its avoided words appear in no text the portal shows in that
/// language, and its preferred words are the ones used.
/// </summary>
public class GlossaryTests
{
    private static readonly string[] Columns = ["en", "de", "zh-Hans", "ja"];

    /// <summary>The glossary's rows: the preferred word per language and the words to avoid per language.</summary>
    private static List<(string Concept, Dictionary<string, string> Preferred, Dictionary<string, string[]> Avoid)> Rows()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", "glossary.md"));
        var header = lines.First(l => l.StartsWith("| Concept", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToList();
        return lines.SkipWhile(l => !l.StartsWith("|---", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToList())
            .Select(cells => (cells[1],
                Columns.ToDictionary(lang => lang, lang => cells[header.IndexOf(lang)]),
                Columns.Skip(1).ToDictionary(lang => lang, lang => cells[header.IndexOf($"Avoid ({lang})")]
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))))
            .ToList();
    }

    /// <summary>Every text the portal shows in a language: its UI strings and its refusal messages.</summary>
    private static List<(string Where, string Text)> Texts(string lang)
    {
        var texts = UiStringFiles.Load(lang).Select(kv => (kv.Key, kv.Value)).ToList();
        using var refusals = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "src", "Headway.Domain", "Data", "refusals.json")));
        foreach (var refusal in refusals.RootElement.GetProperty("refusals").EnumerateObject())
        {
            if (refusal.Value.ValueKind == JsonValueKind.Object && refusal.Value.TryGetProperty(lang, out var message))
            {
                texts.Add(("refusal " + refusal.Name, message.GetString()!));
            }
        }

        return texts;
    }

    [Fact]
    public void Glossary_HasItsTermsInEveryLanguage()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 12);
        Assert.All(rows, r => Assert.All(Columns, lang => Assert.False(string.IsNullOrWhiteSpace(r.Preferred[lang]), $"{r.Concept} has no {lang} word")));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("zh-Hans")]
    [InlineData("ja")]
    public void Texts_OfALanguage_UseItsGlossaryWords_AndNoneItAvoids(string lang)
    {
        var texts = Texts(lang);
        var failures = new List<string>();
        foreach (var (concept, preferred, avoid) in Rows())
        {
            if (!texts.Any(t => t.Text.Contains(preferred[lang], StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"{concept}: \"{preferred[lang]}\" is used nowhere");
            }

            foreach (var word in avoid[lang])
            {
                failures.AddRange(texts.Where(t => t.Text.Contains(word, StringComparison.Ordinal)).Select(t => $"{concept}: {t.Where} says \"{word}\" ({t.Text})"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
