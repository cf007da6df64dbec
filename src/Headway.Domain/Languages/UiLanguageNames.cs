namespace Headway.Domain.Languages;

/// <summary>
/// The one mapping from a requested language or culture ("zh-CN", "zh", "ja-JP", "de-DE") to a UI language:
/// en, zh-Hans, de or ja. The note coach references no other project, so it compiles this same file (linked
/// in its project) rather than a copy that could drift.
/// </summary>
internal static class UiLanguageNames
{
    /// <summary>English, the fallback.</summary>
    public const string English = "en";

    /// <summary>All UI languages, in display order.</summary>
    public static readonly string[] All = ["en", "zh-Hans", "de", "ja"];

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
