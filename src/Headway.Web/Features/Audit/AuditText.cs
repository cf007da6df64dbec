using System.Globalization;
using System.Text.Json;
using Headway.Application.Audit;
using Headway.Application.Data;
using Microsoft.Extensions.Localization;

namespace Headway.Web.Features.Audit;

/// <summary>
/// The audit trail as a reader reads it, in the reader's language: record types and field names from the portal's
/// strings (the stored name where there is none), ids of users, partners and tenants as their names, lists as their
/// items, yes/no and times in the reader's way. The page and the CSV export say the same.
/// </summary>
public sealed class AuditText(IStringLocalizer<SharedResource> text)
{
    /// <summary>The record types a reader filters by, in the order the filter lists them.</summary>
    public static IReadOnlyList<string> Entities { get; } =
    [
        "Entitlement", "Tenant", "OverallNote", "OverallNoteRevision", "ExecutiveSummary", "SummaryRequest", "HeadwayUser", "Partner", "ApiToken",
        "SavedView", "ImportBatch", "L3Value", "Notification",
    ];

    public string Entity(string entity) => Localized("AuditEntity_" + entity) ?? entity;

    public string Field(string field) => Localized("AuditField_" + field) ?? Localized("Field" + field) ?? field;

    public string Action(string action) => Localized("Action" + action) ?? action;

    /// <summary>The record an entry is about: its type and its name where it has one, else its id.</summary>
    public string Record(AuditEntry entry, SearchAudit.Names names) => Entity(entry.Entity) + " " + (names.OfRecord(entry) ?? entry.EntityId);

    /// <summary>A stored value as the reader reads it: none, one, or the items of a list.</summary>
    public IReadOnlyList<string> Values(string field, string? value, SearchAudit.Names names)
    {
        if (value is null)
        {
            return [];
        }

        if (value.StartsWith('[') && Items(value) is { } items)
        {
            return items;
        }

        if (names.Of(field, value) is { } name)
        {
            return [name];
        }

        // Values of a fixed set (roles, priorities) in the reader's words.
        if (field is "Role" or "Priority" && Localized(field + value) is { } word)
        {
            return [word];
        }

        return value switch
        {
            "True" => [text["Yes"].Value],
            "False" => [text["No"].Value],
            "***" => [text["AuditSecret"].Value],
            _ when value.Length >= 20 && value[4] == '-' && value[10] == 'T'
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) =>
                [at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture)],
            _ => [value],
        };
    }

    /// <summary>A value as one line of text (lists joined), for the CSV export.</summary>
    public string Line(string field, string? value, SearchAudit.Names names) => string.Join("; ", Values(field, value, names));

    private string? Localized(string key) => text[key] is { ResourceNotFound: false } found ? found.Value : null;

    private static List<string>? Items(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string?>>(json)?.Select(i => i ?? "").ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
