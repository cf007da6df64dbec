using System.Text.Json;
using Headway.NoteCoach.Languages;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Tests;

public class LanguageProfileLoaderTests
{
    [Fact]
    public void Load_SettingsWithMisspeltKey_Fails()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(("Languages/en/settings.json", """{ "maxSentence": 3 }""")));

        Assert.Contains("Languages/en/settings.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("maxSentence", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "wordEndings": [""] }""", "\"\"")]
    [InlineData("""{ "wordEndings": ["ung", "*keit"] }""", "*keit")]
    public void Load_AnEmptyOrWildcardWordEnding_FailsNamingIt(string json, string named)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(("Languages/de/settings.json", json)));

        Assert.Contains("Languages/de/settings.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WordEndings_AreAlsoKnownTransliterated()
    {
        var profiles = Load(("Languages/de/settings.json", """{ "transliterations": { "ü": "ue" }, "wordEndings": ["gründe"] }"""));

        Assert.Contains("gründe", profiles["de"].WordEndings);
        Assert.Contains("gruende", profiles["de"].WordEndings);
    }

    [Fact]
    public void Load_AMisspeltKeyInTheWorkloads_Fails()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(
            ("Languages/common/workloads.json", """{ "EXO": ["Exchange"], "_otherProduct": ["Copilot"] }"""),
            ("Languages/en/settings.json", "{}")));

        Assert.Contains("_otherProduct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SettingsKeyInWrongCase_Fails()
    {
        Assert.Throws<InvalidDataException>(() => Load(("Languages/de/settings.json", """{ "MaxSentences": 3 }""")));
    }

    [Fact]
    public void Load_SettingsValueOfWrongType_Fails()
    {
        Assert.Throws<InvalidDataException>(() => Load(("Languages/ja/settings.json", """{ "maxSentences": "three" }""")));
    }

    [Theory]
    [InlineData("""{ "maxSentences": 3, "maxSentences": 4 }""", "maxSentences")]
    [InlineData("""{ "numberWords": { "drei": 3, "drei": 4 } }""", "drei")]
    [InlineData("""{ "maxSentences": null }""", "maxSentences")]
    public void Load_SettingsKeyRepeatedOrNull_FailsNamingTheKey(string json, string key)
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(("Languages/de/settings.json", json)));

        Assert.Contains("Languages/de/settings.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SettingsWithEditorNotes_SkipsTheNotes()
    {
        var profiles = Load(("Languages/en/settings.json", """{ "_comment": "why 4", "_seeAlso": ["README"], "maxSentences": 4 }"""));

        Assert.Equal(4, profiles["en"].MaxSentences);
    }

    [Fact]
    public void Load_CommonAndLanguageSettings_LanguageOverridesAndListsAddUp()
    {
        var profiles = Load(
            ("Languages/common/settings.json", """{ "maxSentences": 5, "charsPerWord": 1.5, "abbreviations": ["e.g."] }"""),
            ("Languages/en/settings.json", """{ "maxSentences": 1, "abbreviations": ["Approx."], "functionWords": ["The"] }"""),
            ("Languages/zh/settings.json", """{ "detectionChars": "这们" }"""),
            ("Languages/de/settings.json", "{}"));

        var en = profiles["en"];
        Assert.Equal(1, en.MaxSentences);
        Assert.Equal(1.5, en.CharsPerWord);
        Assert.Equal(["e.g.", "approx."], en.Abbreviations);
        Assert.Equal([("e.g.", 3)], en.AbbreviationDots['g']);
        Assert.Equal([("approx.", 6)], en.AbbreviationDots['x']);
        Assert.Contains("the", en.FunctionWords);
        Assert.Equal(5, profiles["de"].MaxSentences);
        Assert.Equal("这们", profiles["zh"].DetectionChars);
        Assert.False(profiles.ContainsKey("ja"), "Only the folders given are languages.");
    }

    [Fact]
    public void Load_SettingsWithoutAKey_KeepsTheDefault()
    {
        var profiles = Load(("Languages/en/settings.json", """{ "wordBased": false }"""), ("Languages/de/settings.json", "{}"));

        Assert.False(profiles["en"].WordBased);
        Assert.True(profiles["de"].WordBased);
        Assert.Equal(2, profiles["en"].MaxSentences);
        Assert.Equal(300, profiles["en"].MaxTextElements);
    }

    [Fact]
    public void Load_NumberWords_BecomeNumberPhrasesWithTheirValue()
    {
        var profiles = Load(("Languages/en/settings.json", """{ "numberWords": { "three": 3, "a dozen": 12 } }"""));

        var found = new List<PhraseMatch>();
        profiles["en"].Matcher.FindAll("a dozen or three", found);

        Assert.Equal([("a dozen", 12), ("three", 3)], found.Where(m => m.Entry.Tags == Tag.Number).Select(m => (m.Entry.Phrase, m.Entry.Number)));
    }

    private static IReadOnlyDictionary<string, LanguageProfile> Load(params (string Path, string Json)[] files)
    {
        var documents = new Dictionary<string, JsonDocument>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var (path, json) in files)
            {
                documents[path] = JsonDocument.Parse(json);
            }

            return LanguageProfileLoader.Load(documents, out _);
        }
        finally
        {
            foreach (var document in documents.Values)
            {
                document.Dispose();
            }
        }
    }
}
