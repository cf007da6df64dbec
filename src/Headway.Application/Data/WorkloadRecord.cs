namespace Headway.Application.Data;

/// <summary>
/// A workload of the catalogue as the administrators keep it. The shipped catalogue seeds the table (a workload a newer
/// release ships is added at start-up); administrators add workloads, rename and retire them, with no release.
/// </summary>
public sealed class WorkloadRecord
{
    /// <summary>Stable code, such as EXO; never changes.</summary>
    public required string Code { get; set; }

    /// <summary>The name an administrator gave it, in every language; null keeps the shipped names in each language.</summary>
    public string? Name { get; set; }

    /// <summary>False for CORE, which exists for notes only.</summary>
    public bool IsEntitlement { get; set; } = true;

    /// <summary>When it was retired: existing entitlements keep it, new ones are not registered. Null while in use.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Its place in lists.</summary>
    public int Position { get; set; }
}
