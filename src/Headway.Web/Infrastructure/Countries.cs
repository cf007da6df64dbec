using System.Globalization;

namespace Headway.Web.Infrastructure;

/// <summary>Country names in the request's UI language, from the platform's region data (ICU).</summary>
public static class Countries
{
    public static string Name(string code)
    {
        try
        {
            return new RegionInfo(code).DisplayName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
