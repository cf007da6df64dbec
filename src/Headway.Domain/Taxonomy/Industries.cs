using System.Collections.Frozen;

namespace Headway.Domain.Taxonomy;

/// <summary>An industry of the picklist, named in the UI languages.</summary>
public sealed record Industry(string Code, LocalizedText Name);

/// <summary>
/// The industries a tenant's form offers (data file <c>industries.json</c>). A tenant's industry stays free text as
/// typed; one that names an industry of the list in any language is shown in the reader's language.
/// </summary>
public sealed class Industries
{
    private readonly FrozenDictionary<string, Industry> _byName;

    private Industries(IReadOnlyList<Industry> all)
    {
        All = all;
        _byName = all.SelectMany(i => i.Name.Languages.Select(l => (Name: i.Name.Get(l), Industry: i)).Append((Name: i.Code, Industry: i)))
            .DistinctBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(x => x.Name, x => x.Industry, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The list shipped with Headway.</summary>
    public static Industries Default { get; } = Load();

    /// <summary>Every industry of the list, in the data file's order.</summary>
    public IReadOnlyList<Industry> All { get; }

    /// <summary>The industry of the list a stored value names (by its code or its name in any language), if any.</summary>
    public Industry? Find(string? value) => value is not null && _byName.TryGetValue(value.Trim(), out var i) ? i : null;

    /// <summary>A stored industry in a language: the list's name when it is one of the list, else the value as typed.</summary>
    public string? Show(string? value, string? language) => Find(value)?.Name.Get(language) ?? value;

    private static Industries Load()
    {
        using var doc = EmbeddedData.Read("industries.json");
        return new Industries(doc.RootElement.GetProperty("industries").EnumerateArray()
            .Select(i => new Industry(i.GetProperty("code").GetString()!, EmbeddedData.Text(i.GetProperty("name")))).ToList());
    }
}
