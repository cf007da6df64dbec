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
    public const string English = "en";

    /// <summary>All UI languages, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = ["en", "zh-Hans", "de", "ja"];

    /// <summary>Maps any culture name to one of <see cref="All"/>; unknown cultures map to English.</summary>
    public static string Normalize(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return English;
        }

        var c = culture.Trim();
        if (c.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            // Traditional-script cultures still read Simplified better than English.
            return "zh-Hans";
        }

        foreach (var lang in All)
        {
            if (c.Equals(lang, StringComparison.OrdinalIgnoreCase) ||
                c.StartsWith(lang + "-", StringComparison.OrdinalIgnoreCase))
            {
                return lang;
            }
        }

        return English;
    }
}
