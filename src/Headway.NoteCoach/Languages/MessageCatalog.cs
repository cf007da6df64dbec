using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Headway.Domain.Languages;

namespace Headway.NoteCoach.Languages;

/// <summary>
/// Finding messages and fixes per UI language, from <c>Languages/messages.json</c>; status names from the taxonomy.
/// Lookups fall back to English; the UI language is read as the rest of Headway reads it ("zh-CN" is "zh-Hans").
/// </summary>
internal sealed class MessageCatalog
{
    private readonly Dictionary<string, Dictionary<string, string>> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _fixes = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, Dictionary<string, string>> _names = new Dictionary<string, Dictionary<string, string>>();

    /// <summary>Reads the messages embedded in <paramref name="assembly"/>; status names come from <paramref name="taxonomy"/>.</summary>
    public static MessageCatalog Load(Assembly assembly, TaxonomyData taxonomy)
    {
        var catalog = new MessageCatalog { _names = taxonomy.Names };
        var name = Array.Find(assembly.GetManifestResourceNames(), n => n.Replace('\\', '/') == "Languages/messages.json")
            ?? throw new InvalidDataException("Languages/messages.json is not embedded.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        Read(doc.RootElement, "findings", catalog._messages);
        Read(doc.RootElement, "fixes", catalog._fixes);
        return catalog;
    }

    public static string UiKey(string? uiLanguage) => UiLanguageNames.Normalize(uiLanguage);

    public string Message(Finding finding, string uiLanguage) =>
        Format(Lookup(_messages, finding.Code, uiLanguage) ?? finding.Code, finding.Args, uiLanguage);

    public string? Fix(Finding finding, string uiLanguage)
    {
        if (finding.Fix is null)
        {
            return null;
        }

        return Format(Lookup(_fixes, finding.Fix, uiLanguage) ?? finding.Fix, finding.Args, uiLanguage);
    }

    private string Format(string template, IReadOnlyList<string> args, string ui)
    {
        if (args.Count == 0)
        {
            return template;
        }

        var localized = new object[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            localized[i] = Lookup(_names, args[i], ui) ?? args[i];
        }

        try
        {
            return string.Format(CultureInfo.InvariantCulture, template, localized);
        }
        catch (FormatException)
        {
            return template;
        }
    }

    private static string? Lookup(IReadOnlyDictionary<string, Dictionary<string, string>> table, string key, string uiLanguage)
    {
        if (!table.TryGetValue(key, out var byLanguage))
        {
            return null;
        }

        return byLanguage.TryGetValue(UiKey(uiLanguage), out var text) ? text : byLanguage.GetValueOrDefault("en");
    }

    private static void Read(JsonElement root, string section, Dictionary<string, Dictionary<string, string>> into)
    {
        if (!root.TryGetProperty(section, out var s))
        {
            return;
        }

        foreach (var entry in s.EnumerateObject())
        {
            var byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var l in entry.Value.EnumerateObject())
            {
                byLanguage[l.Name] = l.Value.GetString()!;
            }

            into[entry.Name] = byLanguage;
        }
    }
}
