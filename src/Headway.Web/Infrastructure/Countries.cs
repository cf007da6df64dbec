using System.Globalization;
using Headway.Domain.Taxonomy;

namespace Headway.Web.Infrastructure;

/// <summary>Country and region names in the request's UI language.</summary>
public static class Countries
{
    public static string Name(string code) => Geography.Default.CountryName(code, CultureInfo.CurrentUICulture.Name);

    public static string Region(string code) => Geography.Default.RegionName(code, CultureInfo.CurrentUICulture.Name);
}
