namespace Headway.Application.Imports;

/// <summary>
/// The columns of an import file, the same as an entitlement export writes. Headings match ignoring case,
/// spaces, '_' and '-' ("Target date", "target_date" and "targetDate" are one column); columns Headway does
/// not know are left alone. A row names its tenant by <see cref="Id"/>, or by <see cref="Tenant"/> within
/// <see cref="Partner"/> (the programme centre when blank).
/// </summary>
public static class ImportColumns
{
    public const string Id = "id";
    public const string Tenant = "tenant";
    public const string Brand = "brand";
    public const string Country = "country";
    public const string Seats = "seats";
    public const string Priority = "priority";
    public const string Manager = "manager";
    public const string Partner = "partner";
    public const string Industry = "industry";
    public const string Workload = "workload";
    public const string L1 = "l1";
    public const string L2 = "l2";
    public const string L3 = "l3";
    public const string Note = "note";
    public const string TargetDate = "targetDate";
    public const string EngagementStartDate = "engagementStartDate";
    public const string ProjectedUnblockDate = "projectedUnblockDate";
    public const string NextAction = "nextAction";
    public const string NextActionDate = "nextActionDate";
    public const string NextActionOwner = "nextActionOwner";
    public const string BusinessReason = "businessReason";
    public const string Scenario = "engagementScenario";

    /// <summary>Why a set engagement start date moves: read, never exported (it becomes an overall note).</summary>
    public const string EngagementStartDateReason = "engagementStartDateReason";

    /// <summary>Every column in the order an export writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Id, Tenant, Brand, Country, Seats, Priority, Manager, Partner, Industry, Workload, L1, L2, L3, Note, TargetDate,
        EngagementStartDate, ProjectedUnblockDate, NextAction, NextActionDate, NextActionOwner, BusinessReason, Scenario,
    ];

    /// <summary>Every column an import reads: the exported ones and the reason for a moved start date.</summary>
    private static IReadOnlyList<string> Read { get; } = [.. All, EngagementStartDateReason];

    /// <summary>Each known column's position in the file's header.</summary>
    public static Dictionary<string, int> Map(IReadOnlyList<string> header)
    {
        var known = Read.ToDictionary(Normalize, c => c, StringComparer.Ordinal);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (known.TryGetValue(Normalize(header[i]), out var column))
            {
                map.TryAdd(column, i);
            }
        }

        return map;
    }

    /// <summary>The columns a file must have: a workload, and a tenant name or id.</summary>
    public static List<string> Required(Dictionary<string, int> map)
    {
        var missing = new List<string>();
        if (!map.ContainsKey(Tenant) && !map.ContainsKey(Id))
        {
            missing.Add(Tenant);
        }

        if (!map.ContainsKey(Workload))
        {
            missing.Add(Workload);
        }

        return missing;
    }

    /// <summary>The column a rule's refusal is about (the rules name fields as the API does, which are these names).</summary>
    public static string? ForField(string? field) =>
        field is null ? null : Read.FirstOrDefault(c => string.Equals(c, field, StringComparison.OrdinalIgnoreCase));

    private static string Normalize(string heading) =>
        new string(heading.Where(c => c is not (' ' or '_' or '-')).ToArray()).ToLowerInvariant();
}
