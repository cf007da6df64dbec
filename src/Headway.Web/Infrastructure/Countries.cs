using System.Globalization;
using Headway.Domain.Taxonomy;

namespace Headway.Web.Infrastructure;

/// <summary>Country and region names in the request's UI language.</summary>
public static class Countries
{
    public static string Name(string code) => Geography.Default.CountryName(code, CultureInfo.CurrentUICulture.Name);

    public static string Region(string code) => Geography.Default.RegionName(code, CultureInfo.CurrentUICulture.Name);

    /// <summary>Every country (or those <paramref name="shown"/> keeps), in the order of their names in the reader's language.</summary>
    public static IReadOnlyList<Country> ByName(Func<Country, bool>? shown = null) =>
        Geography.Default.Countries.Where(c => shown?.Invoke(c) ?? true)
            .OrderBy(c => Name(c.Code), StringComparer.Create(CultureInfo.CurrentUICulture, ignoreCase: true)).ToList();
}
