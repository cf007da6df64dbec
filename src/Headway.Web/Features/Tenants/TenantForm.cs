using System.Globalization;
using Headway.Application.Tenants;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Web.Features.Tenants;

/// <summary>A tenant's details as the register and edit pages post them (Form.*); seats arrive as text so that errors are ours.</summary>
public sealed class TenantForm
{
    public string? Name { get; set; }
    public string? BrandName { get; set; }
    public string? Country { get; set; }
    public string? Industry { get; set; }
    public string? Seats { get; set; }
    public bool Managed { get; set; }
    public Priority Priority { get; set; } = Priority.Medium;
    public bool Enterprise { get; set; }
    public long? PartnerId { get; set; }
    public string? Manager { get; set; }
    public List<string> Workloads { get; set; } = [];

    public static TenantForm From(Tenant t) => new()
    {
        Name = t.Name,
        BrandName = t.BrandName,
        Country = t.Country,
        Industry = t.Industry,
        Seats = t.Seats.ToString(CultureInfo.InvariantCulture),
        Managed = t.IsManaged,
        Priority = t.Priority,
        Enterprise = t.IsEnterprise,
    };

    /// <summary>The details as the form gives them, or why the seats do not read as a number.</summary>
    public (TenantDetails? Details, Refusal? Refusal) ToDetails()
    {
        var seats = 0;
        var text = Seats?.Trim() ?? "";
        if (text.Length > 0 && !int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.CurrentCulture, out seats)
            && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seats))
        {
            return (null, Refusal.ForField("seats", RefusalCodes.InvalidNumber, text));
        }

        return (new TenantDetails(Name ?? "", BrandName ?? "", Country ?? "", Industry ?? "", seats, Managed, Priority, Enterprise), null);
    }

    /// <summary>Only what differs from the stored tenant, so that a correction never writes back what someone else changed meanwhile.</summary>
    public static TenantDetails Changes(TenantDetails submitted, TenantForm original) => new(
        Differs(submitted.Name, original.Name),
        Differs(submitted.BrandName, original.BrandName),
        Differs(submitted.Country, original.Country, ignoreCase: true),
        SameIndustry(submitted.Industry, original.Industry) ? null : Differs(submitted.Industry, original.Industry),
        submitted.Seats?.ToString(CultureInfo.InvariantCulture) == original.Seats?.Trim() ? null : submitted.Seats,
        submitted.IsManaged == original.Managed ? null : submitted.IsManaged,
        submitted.Priority == original.Priority ? null : submitted.Priority,
        submitted.IsEnterprise == original.Enterprise ? null : submitted.IsEnterprise);

    /// <summary>The form shows a listed industry in the reader's language: that name and the stored one are the same industry.</summary>
    private static bool SameIndustry(string? submitted, string? original) =>
        Industries.Default.Find(submitted) is { } industry && industry == Industries.Default.Find(original);

    private static string? Differs(string? submitted, string? original, bool ignoreCase = false) =>
        string.Equals(submitted?.Trim() ?? "", original?.Trim() ?? "", ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) ? null : submitted ?? "";

    /// <summary>The countries the caller may choose, by name in the reader's language.</summary>
    public static IReadOnlyList<Country> CountriesFor(Application.Caller caller) => Infrastructure.Countries.ByName(c => caller.Covers(c.Region, c.Code));
}

/// <summary>What the details partial shows: the form and the countries to choose from.</summary>
public sealed record TenantFields(TenantForm Form, IReadOnlyList<Country> Countries);
