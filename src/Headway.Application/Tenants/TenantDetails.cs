using System.Globalization;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Application.Tenants;

/// <summary>
/// A tenant's own details as a form or a request gives them. In a change, a null field keeps the stored value and an
/// empty text clears an optional one; in a registration, name and country are required. The limits are the import's.
/// </summary>
public sealed record TenantDetails(
    string? Name = null,
    string? BrandName = null,
    string? Country = null,
    string? Industry = null,
    int? Seats = null,
    bool? IsManaged = null,
    Priority? Priority = null,
    bool? IsEnterprise = null)
{
    /// <summary>The longest industry the import and the form accept.</summary>
    public const int IndustryLength = 100;

    /// <summary>The first thing wrong with the details, or null; the country is checked against the caller's geography.</summary>
    internal Refusal? Check(Caller caller, bool registering)
    {
        if (Name is not null || registering)
        {
            var name = Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                return Refusal.ForField("name", RefusalCodes.ValueRequired, "name");
            }

            if (name.Length > FieldLimits.Name)
            {
                return TooLong("name", FieldLimits.Name);
            }
        }

        if (BrandName?.Trim().Length > FieldLimits.Name)
        {
            return TooLong("brandName", FieldLimits.Name);
        }

        if (Industry?.Trim().Length > IndustryLength)
        {
            return TooLong("industry", IndustryLength);
        }

        if (Seats < 0)
        {
            return Refusal.ForField("seats", RefusalCodes.InvalidNumber, Seats.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (Priority is { } priority && !Enum.IsDefined(priority))
        {
            return Refusal.ForField("priority", RefusalCodes.UnknownChoice, priority.ToString(), string.Join(", ", Enum.GetNames<Priority>()));
        }

        if (Country is not null || registering)
        {
            var code = Country?.Trim().ToUpperInvariant() ?? "";
            if (code.Length == 0)
            {
                return Refusal.ForField("country", RefusalCodes.ValueRequired, "country");
            }

            if (Geography.Default.FindCountry(code) is not { } country)
            {
                return Refusal.ForField("country", RefusalCodes.UnknownCountry, code);
            }

            // A regional manager registers and moves tenants only within their own geography.
            if (!caller.Covers(country.Region, country.Code))
            {
                return Refusal.ForField("country", RefusalCodes.CountryBeyondYours, country.Code);
            }
        }

        return null;
    }

    /// <summary>Writes the given fields onto the tenant; returns whether a field that entitlements copy changed.</summary>
    internal bool ApplyTo(Tenant tenant)
    {
        var before = (tenant.Seats, tenant.Region, tenant.Country, tenant.Priority);
        if (Name is not null)
        {
            tenant.Name = Name.Trim();
        }

        if (BrandName is not null)
        {
            tenant.BrandName = Optional(BrandName);
        }

        if (Country is not null)
        {
            var country = Geography.Default.FindCountry(Country.Trim().ToUpperInvariant())!;
            tenant.Country = country.Code;
            tenant.Region = country.Region;
        }

        if (Industry is not null)
        {
            tenant.Industry = Optional(Industry);
        }

        tenant.Seats = Seats ?? tenant.Seats;
        tenant.IsManaged = IsManaged ?? tenant.IsManaged;
        tenant.Priority = Priority ?? tenant.Priority;
        tenant.IsEnterprise = IsEnterprise ?? tenant.IsEnterprise;
        return before != (tenant.Seats, tenant.Region, tenant.Country, tenant.Priority);
    }

    private static string? Optional(string text) => text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    private static Refusal TooLong(string field, int limit) =>
        Refusal.ForField(field, RefusalCodes.FieldTooLong, field, limit.ToString(CultureInfo.InvariantCulture));
}
