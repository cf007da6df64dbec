using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Headway.Web.Infrastructure;

/// <summary>
/// The portal's UI strings, read from <c>Resources/&lt;area&gt;.&lt;lang&gt;.json</c> (embedded in the assembly) once at
/// start: <c>strings.de.json</c> holds the common German strings, <c>worklist.de.json</c> those of one feature, and
/// every file of a language joins one table (a key defined twice is an error). The JSON files are the only copy,
/// so there is no generated resource file that could drift from them.
/// Every localizer the framework asks for (pages, validation messages, <c>IStringLocalizer&lt;T&gt;</c>) reads the
/// same table.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private const string Prefix = "Resources/";

    private readonly JsonStringLocalizer _localizer = new(Load());

    /// <inheritdoc />
    public IStringLocalizer Create(Type resourceSource) => _localizer;

    /// <inheritdoc />
    public IStringLocalizer Create(string baseName, string location) => _localizer;

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(JsonStringLocalizerFactory).Assembly;
        var tables = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal));
        foreach (var name in names)
        {
            var file = name[Prefix.Length..^".json".Length];
            var lang = file[(file.IndexOf('.', StringComparison.Ordinal) + 1)..];
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidDataException($"{name} cannot be read.");
            var strings = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidDataException($"{name} holds no strings.");
            var table = tables.TryGetValue(lang, out var known) ? known : tables[lang] = new(StringComparer.Ordinal);
            foreach (var (key, value) in strings)
            {
                if (!table.TryAdd(key, value))
                {
                    throw new InvalidDataException($"{name}: {key} is defined in another file of the same language too.");
                }
            }
        }

        return tables.ContainsKey(JsonStringLocalizer.Neutral)
            ? tables.ToFrozenDictionary(t => t.Key, t => t.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase)
            : throw new InvalidDataException($"No {Prefix}*.{JsonStringLocalizer.Neutral}.json is embedded.");
    }
}

/// <summary>
/// Looks a string up in the current UI culture, then its parent cultures (zh-CN, then zh-Hans), then English, the
/// way resource files fall back; a name found nowhere is returned as it is and marked not found.
/// </summary>
public sealed class JsonStringLocalizer(FrozenDictionary<string, FrozenDictionary<string, string>> tables) : IStringLocalizer
{
    /// <summary>The language every other one falls back to, and the one that must have every string.</summary>
    public const string Neutral = "en";

    /// <inheritdoc />
    public LocalizedString this[string name] =>
        Find(name) is { } value ? new LocalizedString(name, value) : new LocalizedString(name, name, resourceNotFound: true);

    /// <summary>The separator of a plural form's key: <c>TotalTenants#one</c> is "{0} tenant" where the first argument is 1.</summary>
    public const char PluralSeparator = '#';

    /// <inheritdoc />
    /// <remarks>When the first argument is a whole number (or one written out in the reader's culture) and the language
    /// has a form of the string for its plural category (<c>Name#one</c>), that form is used; "other" is the string itself.</remarks>
    public LocalizedString this[string name, params object[] arguments] =>
        (Plural(name, arguments) ?? Find(name)) is { } format
            ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format, arguments))
            : new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, name, arguments), resourceNotFound: true);

    /// <inheritdoc />
    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in Chain())
        {
            foreach (var (name, value) in table)
            {
                if (seen.Add(name))
                {
                    yield return new LocalizedString(name, value);
                }
            }

            if (!includeParentCultures)
            {
                yield break;
            }
        }
    }

    private string? Plural(string name, object[] arguments)
    {
        // Pages pass counts already formatted for the reader ("1,234"), so a number written out counts as that number.
        long? n = arguments.Length > 0
            ? arguments[0] switch
            {
                int i => i,
                long l => l,
                string text when long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.CurrentCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;
        if (n is not { } count)
        {
            return null;
        }

        var category = Headway.Domain.Taxonomy.SupportedLanguages.PluralCategory(CultureInfo.CurrentUICulture.Name, count);
        return category == "other" ? null : Find(name + PluralSeparator + category);
    }

    private string? Find(string name)
    {
        foreach (var table in Chain())
        {
            if (table.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The tables to search, most specific first: the culture, its parents, then English.</summary>
    private IEnumerable<FrozenDictionary<string, string>> Chain()
    {
        for (var culture = CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(culture.Name); culture = culture.Parent)
        {
            if (tables.TryGetValue(culture.Name, out var table) && culture.Name != Neutral)
            {
                yield return table;
            }
        }

        yield return tables[Neutral];
    }
}
