using System.Collections.Frozen;

namespace Headway.Domain.Taxonomy;

/// <summary>A workload of the catalogue, such as EXO (Exchange Online).</summary>
/// <param name="Code">Stable short code used everywhere.</param>
/// <param name="IsEntitlement">False for CORE, which exists for notes only.</param>
/// <param name="Name">Display name.</param>
/// <param name="IsRetired">Retired by an administrator: kept on the entitlements that have it, never registered anew.</param>
public sealed record Workload(string Code, bool IsEntitlement, LocalizedText Name, bool IsRetired = false);

/// <summary>The workload catalogue, loaded from the versioned data file embedded in this assembly.</summary>
public sealed class WorkloadCatalogue
{
    private readonly FrozenDictionary<string, Workload> _byCode;

    private WorkloadCatalogue(int version, IReadOnlyList<Workload> all)
    {
        Version = version;
        All = all;
        _byCode = all.ToFrozenDictionary(w => w.Code, StringComparer.OrdinalIgnoreCase);
        Entitlements = all.Where(w => w.IsEntitlement).ToArray();
    }

    /// <summary>The catalogue shipped with this version of Headway.</summary>
    public static WorkloadCatalogue Default { get; } = Load();

    /// <summary>Version of the data file.</summary>
    public int Version { get; }

    /// <summary>Every workload, CORE included.</summary>
    public IReadOnlyList<Workload> All { get; }

    /// <summary>The workloads a tenant can be entitled to (CORE excluded), retired ones too: lists and filters show them.</summary>
    public IReadOnlyList<Workload> Entitlements { get; }

    /// <summary>The workloads a new entitlement may be registered for: entitlements not retired.</summary>
    public IReadOnlyList<Workload> Offered => Entitlements.Where(w => !w.IsRetired).ToList();

    /// <summary>
    /// The catalogue an administrator keeps in the database (the shipped one is its seed): its workloads in display order.
    /// </summary>
    public static WorkloadCatalogue Of(IReadOnlyList<Workload> all) => new(Default.Version, all);

    /// <summary>Finds a workload by code, ignoring case; returns the canonical entry.</summary>
    public Workload? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var w) ? w : null;

    private static WorkloadCatalogue Load()
    {
        using var doc = EmbeddedData.Read("workloads.json");
        var all = doc.RootElement.GetProperty("workloads").EnumerateArray()
            .Select(w => new Workload(w.GetProperty("code").GetString()!, w.GetProperty("entitlement").GetBoolean(),
                EmbeddedData.Text(w.GetProperty("name"))))
            .ToArray();
        return new WorkloadCatalogue(doc.RootElement.GetProperty("version").GetInt32(), all);
    }
}

/// <summary>Well-known workload codes that the rules refer to.</summary>
public static class WorkloadCodes
{
    /// <summary>Exchange Online.</summary>
    public const string Exchange = "EXO";
    /// <summary>Outlook Mobile.</summary>
    public const string OutlookMobile = "OLM";
    /// <summary>Office 365 ProPlus.</summary>
    public const string ProPlus = "OPP";
    /// <summary>Notes that fit no workload.</summary>
    public const string Core = "CORE";
}
