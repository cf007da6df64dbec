using Headway.Domain.Languages;

namespace Headway.Domain.Taxonomy;

/// <summary>A text in the four supported UI languages, with fallback to English.</summary>
public sealed class LocalizedText
{
    private readonly IReadOnlyDictionary<string, string> _texts;

    /// <summary>Creates a localized text from language tag to text.</summary>
    public LocalizedText(IReadOnlyDictionary<string, string> texts)
    {
        _texts = texts;
    }

    /// <summary>The language tags that have a text.</summary>
    public IEnumerable<string> Languages => _texts.Keys;

    /// <summary>
    /// The text for a culture name such as "de-DE", "zh-CN" or "ja", falling back through the
    /// parent culture to English.
    /// </summary>
    public string Get(string? culture)
    {
        var key = SupportedLanguages.Normalize(culture);
        return _texts.TryGetValue(key, out var text) ? text : _texts[SupportedLanguages.English];
    }

    /// <inheritdoc />
    public override string ToString() => Get(SupportedLanguages.English);
}

/// <summary>The UI languages Headway is written in.</summary>
public static class SupportedLanguages
{
    /// <summary>English, the fallback.</summary>
    public const string English = UiLanguageNames.English;

    /// <summary>All UI languages, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = UiLanguageNames.All.AsReadOnly();

    /// <summary>Maps any culture name to one of <see cref="All"/>; unknown cultures map to English.</summary>
    public static string Normalize(string? culture) => UiLanguageNames.Normalize(culture);

    /// <summary>
    /// The plural categories each UI language distinguishes for whole numbers besides "other", after CLDR's plural
    /// rules: English and German say "1 tenant" and "2 tenants" ("one" is 1); Chinese and Japanese do not inflect.
    /// </summary>
    private static readonly Dictionary<string, string[]> Plurals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["one"],
        ["de"] = ["one"],
        ["zh-Hans"] = [],
        ["ja"] = [],
    };

    /// <summary>The plural categories a language distinguishes besides "other".</summary>
    public static IReadOnlyList<string> PluralCategories(string? culture) => Plurals.GetValueOrDefault(Normalize(culture), []);

    /// <summary>The CLDR plural category of a whole number in a language: "one" or "other".</summary>
    public static string PluralCategory(string? culture, long n) =>
        n == 1 && PluralCategories(culture).Contains("one") ? "one" : "other";
}
