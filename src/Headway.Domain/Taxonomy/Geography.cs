using System.Collections.Frozen;

namespace Headway.Domain.Taxonomy;

/// <summary>A country the programme works in, with its reporting region.</summary>
public sealed record Country(string Code, string Region, LocalizedText Name);

/// <summary>
/// Countries and reporting regions, named in the four UI languages (data file <c>countries.json</c>).
/// The platform's region names follow the country's own language, not the reader's, so they are data here.
/// </summary>
public sealed class Geography
{
    private readonly FrozenDictionary<string, Country> _countries;
    private readonly FrozenDictionary<string, LocalizedText> _regions;

    private Geography(IEnumerable<Country> countries, IEnumerable<KeyValuePair<string, LocalizedText>> regions)
    {
        _countries = countries.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _regions = regions.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The geography shipped with Headway.</summary>
    public static Geography Default { get; } = Load();

    /// <summary>All countries.</summary>
    public IEnumerable<Country> Countries => _countries.Values;

    /// <summary>Finds a country by ISO 3166-1 alpha-2 code.</summary>
    public Country? FindCountry(string? code) => code is not null && _countries.TryGetValue(code, out var c) ? c : null;

    /// <summary>A country's name in a language, or the code when it is not in the list.</summary>
    public string CountryName(string code, string? language) => FindCountry(code)?.Name.Get(language) ?? code;

    /// <summary>The region codes, in the order of the data file.</summary>
    public IReadOnlyList<string> Regions { get; private init; } = [];

    /// <summary>A region's name in a language, or the code when it is not in the list.</summary>
    public string RegionName(string code, string? language) => _regions.TryGetValue(code, out var r) ? r.Get(language) : code;

    private static Geography Load()
    {
        using var doc = EmbeddedData.Read("countries.json");
        var regions = doc.RootElement.GetProperty("regions").EnumerateArray()
            .Select(r => KeyValuePair.Create(r.GetProperty("code").GetString()!, EmbeddedData.Text(r.GetProperty("name"))));
        var countries = doc.RootElement.GetProperty("countries").EnumerateArray()
            .Select(c => new Country(c.GetProperty("code").GetString()!, c.GetProperty("region").GetString()!, EmbeddedData.Text(c.GetProperty("name"))));
        var regionList = regions.ToArray();
        return new Geography(countries.ToArray(), regionList) { Regions = regionList.Select(r => r.Key).ToArray() };
    }
}
