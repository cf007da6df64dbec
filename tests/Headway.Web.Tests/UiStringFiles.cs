using System.Text.Json;

namespace Headway.Web.Tests;

/// <summary>The portal's UI strings of one language as the portal reads them: every <c>Resources/&lt;area&gt;.&lt;lang&gt;.json</c> joined.</summary>
internal static class UiStringFiles
{
    public static readonly string Folder = Path.Combine(RepositoryRoot.Find(), "src", "Headway.Web", "Resources");

    public static Dictionary<string, string> Load(string lang)
    {
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(Folder, "*.json").Where(p => LanguageOf(p) == lang))
        {
            var file = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path} is empty");
            foreach (var (key, value) in file)
            {
                strings.Add(key, value);
            }
        }

        return strings.Count > 0 ? strings : throw new InvalidDataException($"No strings for {lang}.");
    }

    private static string LanguageOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
    }
}
