using System.Reflection;
using System.Text.Json;

namespace Headway.NoteCoach;

/// <summary>
/// The L1/L2 codes the coach knows, which L1 each L2 belongs to and their names in each UI language: read from the
/// Domain's <c>taxonomy.json</c>, embedded in this assembly as <c>Taxonomy/taxonomy.json</c>, so the coach and the
/// portal share one taxonomy and the coach still references no other project.
/// </summary>
internal sealed class TaxonomyData
{
    private readonly Dictionary<string, int> _l1 = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _l2 = new(StringComparer.OrdinalIgnoreCase);

    private TaxonomyData(string[] l1Codes, string[] l2Codes, int[] l1OfL2, Dictionary<string, Dictionary<string, string>> names)
    {
        L1Codes = l1Codes;
        L2Codes = l2Codes;
        L1OfL2 = l1OfL2;
        Names = names;
        for (var i = 0; i < l1Codes.Length; i++)
        {
            _l1[l1Codes[i]] = i;
        }

        for (var i = 0; i < l2Codes.Length; i++)
        {
            _l2[l2Codes[i]] = i;
        }
    }

    public string[] L1Codes { get; }

    public string[] L2Codes { get; }

    /// <summary>Index into <see cref="L1Codes"/> for each entry of <see cref="L2Codes"/>.</summary>
    public int[] L1OfL2 { get; }

    /// <summary>L1 and L2 names by code, then by UI language ("en", "zh-Hans", "de", "ja").</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Names { get; }

    public int L1Index(string? code) => code is not null && _l1.TryGetValue(code, out var i) ? i : -1;

    public int L2Index(string? code) => code is not null && _l2.TryGetValue(code, out var i) ? i : -1;

    /// <summary>Reads the taxonomy file's <c>l1</c> array: each L1 with its <c>code</c>, <c>name</c> and <c>l2</c> list.</summary>
    public static TaxonomyData Read(JsonElement root)
    {
        var l1Codes = new List<string>();
        var l2Codes = new List<string>();
        var l1OfL2 = new List<int>();
        var names = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var l1 in root.GetProperty("l1").EnumerateArray())
        {
            var code = l1.GetProperty("code").GetString()!;
            names[code] = NamesOf(l1);
            foreach (var l2 in l1.GetProperty("l2").EnumerateArray())
            {
                var l2Code = l2.GetProperty("code").GetString()!;
                l2Codes.Add(l2Code);
                l1OfL2.Add(l1Codes.Count);
                names[l2Code] = NamesOf(l2);
            }

            l1Codes.Add(code);
        }

        return new TaxonomyData([.. l1Codes], [.. l2Codes], [.. l1OfL2], names);
    }

    /// <summary>The taxonomy embedded in <paramref name="assembly"/>.</summary>
    public static TaxonomyData Load(Assembly assembly)
    {
        var name = Array.Find(assembly.GetManifestResourceNames(), n => n.Replace('\\', '/') == "Taxonomy/taxonomy.json")
            ?? throw new InvalidDataException("Taxonomy/taxonomy.json is not embedded.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var doc = JsonDocument.Parse(stream);
        return Read(doc.RootElement);
    }

    private static Dictionary<string, string> NamesOf(JsonElement element)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in element.GetProperty("name").EnumerateObject())
        {
            names[p.Name] = p.Value.GetString()!;
        }

        return names;
    }
}

/// <summary>The shipped taxonomy, and the L1 codes the rules reason about (checked against it when loaded).</summary>
internal static class Taxonomy
{
    public const string StatusUnknown = "StatusUnknown";
    public const string InProgress = "InProgress";
    public const string NoIntent = "NoIntent";
    public const string Blocked = "Blocked";
    public const string DuplicateInvalid = "DuplicateInvalid";

    public static readonly TaxonomyData Data = LoadChecked();

    public static string[] L1Codes => Data.L1Codes;

    public static string[] L2Codes => Data.L2Codes;

    public static int[] L1OfL2 => Data.L1OfL2;

    /// <summary>The L2 the unresponsive-customer checks are about.</summary>
    public static readonly int CustomerUnresponsiveIndex = Data.L2Index("CustomerUnresponsive");

    public static int L1Index(string? code) => Data.L1Index(code);

    public static int L2Index(string? code) => Data.L2Index(code);

    private static TaxonomyData LoadChecked()
    {
        var data = TaxonomyData.Load(typeof(Taxonomy).Assembly);
        foreach (var code in new[] { StatusUnknown, InProgress, NoIntent, Blocked, DuplicateInvalid })
        {
            if (data.L1Index(code) < 0)
            {
                throw new InvalidDataException($"The taxonomy has no L1 '{code}', which the coach's rules use.");
            }
        }

        if (data.L2Index("CustomerUnresponsive") < 0)
        {
            throw new InvalidDataException("The taxonomy has no L2 'CustomerUnresponsive', which the coach's rules use.");
        }

        return data;
    }
}
