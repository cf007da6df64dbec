using System.Text.Json;

namespace Headway.Web.BrowserTests;

/// <summary>The portal's own UI strings (src/Headway.Web/Resources/&lt;area&gt;.&lt;lang&gt;.json), so tests expect exactly what a user reads.</summary>
public static class UiStrings
{
    private static readonly Dictionary<string, Dictionary<string, string>> Cache = [];

    public static string Get(string lang, string key, params object[] args)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(lang, out var strings))
            {
                var folder = Path.Combine(BrowserFixture.RepositoryRoot(), "src", "Headway.Web", "Resources");
                strings = [];
                foreach (var path in Directory.EnumerateFiles(folder, "*.json"))
                {
                    var name = Path.GetFileNameWithoutExtension(path);
                    if (name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..] == lang)
                    {
                        foreach (var (entry, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!)
                        {
                            strings.Add(entry, value);
                        }
                    }
                }

                Cache[lang] = strings;
            }

            return string.Format(System.Globalization.CultureInfo.InvariantCulture, strings[key], args);
        }
    }
}
