using System.Text.Json;

namespace Headway.Web.BrowserTests;

/// <summary>The portal's own UI strings (src/Headway.Web/Resources/strings.*.json), so tests expect exactly what a user reads.</summary>
public static class UiStrings
{
    private static readonly Dictionary<string, Dictionary<string, string>> Cache = [];

    public static string Get(string lang, string key, params object[] args)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(lang, out var strings))
            {
                var path = Path.Combine(BrowserFixture.RepositoryRoot(), "src", "Headway.Web", "Resources", $"strings.{lang}.json");
                strings = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
                Cache[lang] = strings;
            }

            return string.Format(System.Globalization.CultureInfo.InvariantCulture, strings[key], args);
        }
    }
}
