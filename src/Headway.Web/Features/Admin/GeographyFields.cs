using Headway.Domain.Taxonomy;

namespace Headway.Web.Features.Admin;

/// <summary>What the geography partial shows: its element ids' prefix, the regions and countries chosen, and whether it is locked.</summary>
public sealed record GeographyFields(string Prefix, IReadOnlyList<string> Regions, IReadOnlyList<string> Countries, bool Disabled)
{
    /// <summary>The countries in the reader's language, by name, for the choice list.</summary>
    public IReadOnlyList<Country> CountriesByName => Infrastructure.Countries.ByName();
}
