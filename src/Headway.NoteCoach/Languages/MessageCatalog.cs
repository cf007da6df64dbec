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
    private readonly Dictionary<string, Dictionary<string, string>> _quoted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _quotedFixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Open, string Close)> _quotes = new(StringComparer.Ordinal);
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
        Read(doc.RootElement, "quoted", catalog._quoted);
        Read(doc.RootElement, "quotedFixes", catalog._quotedFixes);

        // The note's own words go in after formatting (braces in them are never format items): the templates hold
        // a token in their place from the start.
        foreach (var byLanguage in catalog._quoted.Values.Concat(catalog._quotedFixes.Values))
        {
            foreach (var language in byLanguage.Keys.ToList())
            {
                byLanguage[language] = byLanguage[language].Replace("{quote}", QuoteToken, StringComparison.Ordinal).Replace("{rewrite}", RewriteToken, StringComparison.Ordinal);
            }
        }
        if (doc.RootElement.TryGetProperty("quotes", out var quotes))
        {
            foreach (var q in quotes.EnumerateObject())
            {
                catalog._quotes[q.Name] = (q.Value[0].GetString()!, q.Value[1].GetString()!);
            }
        }
        return catalog;
    }

    public static string UiKey(string? uiLanguage) => UiLanguageNames.Normalize(uiLanguage);

    /// <summary>The finding's message; it names the words the finding refers to where they are known.</summary>
    public string Message(Finding finding, string uiLanguage)
    {
        if (Lookup(_quoted, finding.Code, uiLanguage) is { } quoted && finding.Quote is { } quote)
        {
            return Insert(Format(quoted, finding.Args, uiLanguage), QuoteToken, quote, uiLanguage);
        }

        return Format(Lookup(_messages, finding.Code, uiLanguage) ?? finding.Code, finding.Args, uiLanguage);
    }

    /// <summary>The finding's fix; where it can, it gives the rewritten note.</summary>
    public string? Fix(Finding finding, string uiLanguage)
    {
        if (finding.Fix is null)
        {
            return null;
        }

        if (Lookup(_quotedFixes, finding.Fix, uiLanguage) is { } quoted && finding.Rewrite is { } rewrite)
        {
            return Insert(Format(quoted, finding.Args, uiLanguage), RewriteToken, rewrite, uiLanguage);
        }

        // "AddPhase:Migration": the fix for the chosen L2 where the catalogue has one, else the general "AddPhase".
        var general = finding.Fix.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? finding.Fix[..colon] : null;
        var text = (general is null ? null : LookupExact(_fixes, finding.Fix, uiLanguage) ?? Lookup(_fixes, general, uiLanguage))
            ?? Lookup(_fixes, finding.Fix, uiLanguage);
        return Format(text ?? finding.Fix, finding.Args, uiLanguage);
    }

    private const string QuoteToken = "\u0001q\u0001";
    private const string RewriteToken = "\u0001r\u0001";

    /// <summary>The formatted message with the token replaced by the words in the language's quotation marks, built in one string.</summary>
    private string Insert(string formatted, string token, string words, string uiLanguage)
    {
        var at = formatted.IndexOf(token, StringComparison.Ordinal);
        if (at < 0)
        {
            return formatted;
        }

        var (open, close) = _quotes.TryGetValue(uiLanguage, out var marks) || _quotes.TryGetValue(UiKey(uiLanguage), out marks) ? marks : _quotes.GetValueOrDefault("en", ("\"", "\""));
        var length = formatted.Length - token.Length + open.Length + words.Length + close.Length;
        return string.Create(length, (formatted, at, token.Length, open, words, close), static (span, p) =>
        {
            var rest = p.formatted.AsSpan(p.at + p.Length);
            p.formatted.AsSpan(0, p.at).CopyTo(span);
            span = span[p.at..];
            p.open.CopyTo(span);
            span = span[p.open.Length..];
            p.words.CopyTo(span);
            span = span[p.words.Length..];
            p.close.CopyTo(span);
            rest.CopyTo(span[p.close.Length..]);
        });
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

        // The UI language is usually given exactly ("ja"); only another spelling ("ja-JP") is normalized.
        return byLanguage.TryGetValue(uiLanguage, out var text) || byLanguage.TryGetValue(UiKey(uiLanguage), out text) ? text : byLanguage.GetValueOrDefault("en");
    }

    /// <summary>The text in the UI language itself, without falling back on English.</summary>
    private static string? LookupExact(IReadOnlyDictionary<string, Dictionary<string, string>> table, string key, string uiLanguage) =>
        table.TryGetValue(key, out var byLanguage) && (byLanguage.TryGetValue(uiLanguage, out var text) || byLanguage.TryGetValue(UiKey(uiLanguage), out text)) ? text : null;

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
