using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Headway.Web.Tests;

/// <summary>
/// Every word a page shows must come from the resources, in the reader's language. The Razor compiler turns
/// a page's literal markup into string constants of the page class, so this reads them back from the
/// compiled pages (every state machine and local function included) and fails on any that carries words.
/// </summary>
public partial class HardCodedTextTests
{
    /// <summary>Literal words that are the same in every language.</summary>
    private static readonly HashSet<string> SameInEveryLanguage = ["Headway"];

    [Fact]
    public void Pages_LiteralMarkup_CarriesNoWordsOutsideTheResources()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace == "AspNetCoreGeneratedDocument" && !t.IsNested)
            .ToArray();
        var offenders = new List<string>();

        foreach (var page in pages)
        {
            foreach (var literal in Literals(page).Where(l => l.Contains('<', StringComparison.Ordinal) || l.Contains('>', StringComparison.Ordinal)))
            {
                foreach (var words in VisibleWords(literal))
                {
                    offenders.Add($"{page.Name}: \"{words}\"");
                }
            }
        }

        Assert.True(pages.Length >= 15, $"only {pages.Length} compiled pages found");
        Assert.True(offenders.Count == 0, "Hard-coded text in pages:\n" + string.Join("\n", offenders.Distinct()));
    }

    [Fact]
    public void VisibleWords_FindsTextBetweenTagsAndInLabelAttributes()
    {
        Assert.Equal(["Search tenants", "Save now"], VisibleWords("</div>\n<p>Save now</p><input placeholder=\"Search tenants\" class=\"wide\" />"));
        Assert.Empty(VisibleWords("</td>\n    <td class=\"num\">"));
        Assert.Empty(VisibleWords("<span> · </span><a href=\"/tenants\" rel=\"next\">"));
        Assert.Empty(VisibleWords("</title> · Headway<link rel=\"stylesheet\">"));
    }

    /// <summary>Text between tags and in the attributes people read (placeholder, title, aria-label, alt), with letters in it.</summary>
    internal static IEnumerable<string> VisibleWords(string markup)
    {
        var withoutScripts = ScriptOrStyle().Replace(markup, " ");
        foreach (Match attribute in ReadAttribute().Matches(withoutScripts))
        {
            if (Words(attribute.Groups[2].Value) is { } words)
            {
                yield return words;
            }
        }

        foreach (var text in Tag().Split(withoutScripts))
        {
            if (Words(text) is { } words)
            {
                yield return words;
            }
        }
    }

    private static string? Words(string text)
    {
        var trimmed = text.Trim();
        var words = Letter().Matches(trimmed).Select(m => m.Value).ToArray();
        return words.Length > 0 && !words.All(SameInEveryLanguage.Contains) ? trimmed : null;
    }

    private static IEnumerable<string> Literals(Type type)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            foreach (var s in StringsIn(method))
            {
                yield return s;
            }
        }

        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
        {
            foreach (var s in Literals(nested))
            {
                yield return s;
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The string constants a method loads (ldstr), found by walking its IL instruction by instruction.</summary>
    private static IEnumerable<string> StringsIn(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            if (op == OpCodes.Ldstr)
            {
                yield return method.Module.ResolveString(BitConverter.ToInt32(il, at));
            }

            at += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"\b(placeholder|title|aria-label|alt)=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ReadAttribute();

    [GeneratedRegex(@"<[^>]*>|<[^>]*$|^[^<]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Letter();
}
