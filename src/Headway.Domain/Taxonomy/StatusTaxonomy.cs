using System.Collections.Frozen;
using System.Text.Json;

namespace Headway.Domain.Taxonomy;

/// <summary>A top-level status (L1) and what it requires of an entitlement.</summary>
public sealed class L1Definition
{
    internal L1Definition(string code, LocalizedText name, LocalizedText definition, LocalizedText requirements,
        bool requiresL2, bool requiresTargetDate, bool allowsEngagementStartDate, bool expectsProjectedUnblockDate)
    {
        Code = code;
        Name = name;
        Definition = definition;
        Requirements = requirements;
        RequiresL2 = requiresL2;
        RequiresTargetDate = requiresTargetDate;
        AllowsEngagementStartDate = allowsEngagementStartDate;
        ExpectsProjectedUnblockDate = expectsProjectedUnblockDate;
    }

    /// <summary>Stable code, e.g. <c>InProgress</c>.</summary>
    public string Code { get; }
    /// <summary>Display name.</summary>
    public LocalizedText Name { get; }
    /// <summary>One-line definition.</summary>
    public LocalizedText Definition { get; }
    /// <summary>What choosing this status requires of the user.</summary>
    public LocalizedText Requirements { get; }
    /// <summary>Whether an L2 must be chosen.</summary>
    public bool RequiresL2 { get; }
    /// <summary>Whether a target date (not in the past when set) is required.</summary>
    public bool RequiresTargetDate { get; }
    /// <summary>Whether the engagement start date may be set.</summary>
    public bool AllowsEngagementStartDate { get; }
    /// <summary>Whether a projected unblock date is expected (and allowed).</summary>
    public bool ExpectsProjectedUnblockDate { get; }
    /// <summary>The L2s under this L1.</summary>
    public IReadOnlyList<L2Definition> L2s { get; internal set; } = [];
}

/// <summary>A second-level status (L2) under an L1.</summary>
public sealed record L2Definition(string Code, string L1Code, LocalizedText Name, LocalizedText Definition);

/// <summary>
/// The closed L1/L2 status taxonomy, loaded from the versioned data file embedded in this assembly.
/// </summary>
public sealed class StatusTaxonomy
{
    private readonly FrozenDictionary<string, L1Definition> _l1;
    private readonly FrozenDictionary<string, L2Definition> _l2;

    private StatusTaxonomy(int version, IReadOnlyList<L1Definition> l1s)
    {
        Version = version;
        L1s = l1s;
        _l1 = l1s.ToFrozenDictionary(l => l.Code, StringComparer.Ordinal);
        _l2 = l1s.SelectMany(l => l.L2s).ToFrozenDictionary(l => l.Code, StringComparer.Ordinal);
    }

    /// <summary>The taxonomy shipped with this version of Headway.</summary>
    public static StatusTaxonomy Default { get; } = Load();

    /// <summary>Version of the data file.</summary>
    public int Version { get; }

    /// <summary>All L1s in display order.</summary>
    public IReadOnlyList<L1Definition> L1s { get; }

    /// <summary>All L2s in display order.</summary>
    public IEnumerable<L2Definition> L2s => L1s.SelectMany(l => l.L2s);

    /// <summary>Finds an L1 by its code (case-sensitive).</summary>
    public L1Definition? FindL1(string? code) => code is not null && _l1.TryGetValue(code, out var d) ? d : null;

    /// <summary>Finds an L2 by its code (case-sensitive).</summary>
    public L2Definition? FindL2(string? code) => code is not null && _l2.TryGetValue(code, out var d) ? d : null;

    private static StatusTaxonomy Load()
    {
        using var doc = EmbeddedData.Read("taxonomy.json");
        var root = doc.RootElement;
        var l1s = new List<L1Definition>();
        foreach (var e in root.GetProperty("l1").EnumerateArray())
        {
            var code = e.GetProperty("code").GetString()!;
            var l1 = new L1Definition(code,
                EmbeddedData.Text(e.GetProperty("name")),
                EmbeddedData.Text(e.GetProperty("definition")),
                EmbeddedData.Text(e.GetProperty("requirements")),
                e.GetProperty("requiresL2").GetBoolean(),
                e.GetProperty("requiresTargetDate").GetBoolean(),
                e.GetProperty("allowsEngagementStartDate").GetBoolean(),
                e.GetProperty("expectsProjectedUnblockDate").GetBoolean());
            l1.L2s = e.GetProperty("l2").EnumerateArray()
                .Select(x => new L2Definition(x.GetProperty("code").GetString()!, code,
                    EmbeddedData.Text(x.GetProperty("name")), EmbeddedData.Text(x.GetProperty("definition"))))
                .ToArray();
            l1s.Add(l1);
        }

        return new StatusTaxonomy(root.GetProperty("version").GetInt32(), l1s);
    }
}

internal static class EmbeddedData
{
    public static JsonDocument Read(string fileName)
    {
        var name = "Headway.Domain.Data." + fileName;
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded data file {name} is missing.");
        return JsonDocument.Parse(stream);
    }

    public static LocalizedText Text(JsonElement e) =>
        new(e.EnumerateObject().ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
}
