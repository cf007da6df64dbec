using System.Text.RegularExpressions;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>What a test needs to post a page's form as a browser does, and to read a mailed or shown link.</summary>
internal static class FormPosts
{
    /// <summary>The form's fields with the antiforgery token of the page it came from.</summary>
    public static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string> { ["__RequestVerificationToken"] = HeadwayServer.FormToken(page) };
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return new FormUrlEncodedContent(values);
    }

    /// <summary>One parameter of a link's query, unescaped.</summary>
    public static string Query(string link, string name) =>
        Uri.UnescapeDataString(Regex.Match(link, "[?&]" + name + "=([^&]+)").Groups[1].Value);
}
