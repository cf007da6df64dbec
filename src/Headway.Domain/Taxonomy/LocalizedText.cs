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
}
