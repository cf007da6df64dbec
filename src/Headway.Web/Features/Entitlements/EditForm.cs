using System.Globalization;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;

namespace Headway.Web.Features.Entitlements;

/// <summary>The edit form as posted; dates arrive as yyyy-MM-dd text and are parsed here so errors are ours.</summary>
public sealed record EditForm
{
    public string? L1 { get; set; }
    public string? L2 { get; set; }
    public string? L3 { get; set; }
    public string? Note { get; set; }
    public string? TargetDate { get; set; }
    public string? EngagementStartDate { get; set; }
    public string? ProjectedUnblockDate { get; set; }
    public string? NextAction { get; set; }
    public string? NextActionDate { get; set; }
    public string? NextActionOwner { get; set; }
    public string? BusinessReason { get; set; }
    public EngagementScenario? EngagementScenario { get; set; }
    public string? EngagementStartDateReason { get; set; }
    public int Version { get; set; }

    public static EditForm From(Entitlement e) => new()
    {
        L1 = e.L1,
        L2 = e.L2,
        L3 = e.L3,
        Note = e.Note,
        TargetDate = Iso(e.TargetDate),
        EngagementStartDate = Iso(e.EngagementStartDate),
        ProjectedUnblockDate = Iso(e.ProjectedUnblockDate),
        NextAction = e.NextAction,
        NextActionDate = Iso(e.NextActionDate),
        NextActionOwner = e.NextActionOwner,
        BusinessReason = e.BusinessReason,
        EngagementScenario = e.EngagementScenario,
        Version = e.Version,
    };

    public (EntitlementUpdate? Update, Refusal? Refusal) ToUpdate()
    {
        var dates = new (string Field, string? Text)[]
        {
            ("targetDate", TargetDate), ("engagementStartDate", EngagementStartDate),
            ("projectedUnblockDate", ProjectedUnblockDate), ("nextActionDate", NextActionDate),
        };
        var parsed = new DateOnly?[dates.Length];
        for (var i = 0; i < dates.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(dates[i].Text))
            {
                continue;
            }

            if (!DateOnly.TryParseExact(dates[i].Text!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return (null, Refusal.ForField(dates[i].Field, RefusalCodes.InvalidDate, dates[i].Text!));
            }

            parsed[i] = d;
        }

        return (new EntitlementUpdate(L1 ?? "", L2, L3, Note, parsed[0], parsed[1], parsed[2], NextAction, parsed[3],
            NextActionOwner, BusinessReason, EngagementScenario), null);
    }

    /// <summary>
    /// The form of a bulk edit as a patch: a field filled in is set, a field named in <paramref name="clear"/> is cleared
    /// (clearing wins over text typed into the same field), an empty field is kept; the status is set when an L1 is chosen.
    /// </summary>
    public (EntitlementPatch? Patch, Refusal? Refusal) ToPatch(IReadOnlyCollection<string> clear)
    {
        var cleared = new HashSet<EntitlementField>();
        foreach (var name in clear)
        {
            if (!Enum.TryParse<EntitlementField>(name, ignoreCase: false, out var field) || field == EntitlementField.Status || !Enum.IsDefined(field))
            {
                return (null, Refusal.ForField("clear", RefusalCodes.UnknownChoice, name,
                    string.Join(", ", EntitlementPatch.AllFields.Where(f => f != EntitlementField.Status))));
            }

            cleared.Add(field);
        }

        var keepStatus = string.IsNullOrWhiteSpace(L1);
        if (keepStatus && !string.IsNullOrWhiteSpace(L2))
        {
            return (null, Refusal.ForField("l1", RefusalCodes.L1RequiredForL2, L2.Trim()));
        }

        // Dates of cleared fields are not parsed: what was typed there is being thrown away.
        var (values, refusal) = (this with
        {
            TargetDate = cleared.Contains(EntitlementField.TargetDate) ? null : TargetDate,
            EngagementStartDate = cleared.Contains(EntitlementField.EngagementStartDate) ? null : EngagementStartDate,
            ProjectedUnblockDate = cleared.Contains(EntitlementField.ProjectedUnblockDate) ? null : ProjectedUnblockDate,
            NextActionDate = cleared.Contains(EntitlementField.NextActionDate) ? null : NextActionDate,
        }).ToUpdate();
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var fields = new HashSet<EntitlementField>(cleared);
        if (!keepStatus)
        {
            fields.Add(EntitlementField.Status);
        }

        foreach (var (field, filled) in new (EntitlementField, bool)[]
        {
            (EntitlementField.L3, !string.IsNullOrWhiteSpace(L3)), (EntitlementField.Note, !string.IsNullOrWhiteSpace(Note)),
            (EntitlementField.TargetDate, values!.TargetDate is not null), (EntitlementField.EngagementStartDate, values.EngagementStartDate is not null),
            (EntitlementField.ProjectedUnblockDate, values.ProjectedUnblockDate is not null), (EntitlementField.NextAction, !string.IsNullOrWhiteSpace(NextAction)),
            (EntitlementField.NextActionDate, values.NextActionDate is not null), (EntitlementField.NextActionOwner, !string.IsNullOrWhiteSpace(NextActionOwner)),
            (EntitlementField.BusinessReason, !string.IsNullOrWhiteSpace(BusinessReason)), (EntitlementField.EngagementScenario, EngagementScenario is not null),
        })
        {
            if (filled)
            {
                fields.Add(field);
            }
        }

        if (fields.Count == 0)
        {
            return (null, Refusal.Of(RefusalCodes.NothingToChange));
        }

        values = values with
        {
            L3 = cleared.Contains(EntitlementField.L3) ? null : values.L3,
            Note = cleared.Contains(EntitlementField.Note) ? null : values.Note,
            NextAction = cleared.Contains(EntitlementField.NextAction) ? null : values.NextAction,
            NextActionOwner = cleared.Contains(EntitlementField.NextActionOwner) ? null : values.NextActionOwner,
            BusinessReason = cleared.Contains(EntitlementField.BusinessReason) ? null : values.BusinessReason,
            EngagementScenario = cleared.Contains(EntitlementField.EngagementScenario) ? null : values.EngagementScenario,
        };
        return (new EntitlementPatch(values, fields), null);
    }

    public static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What the shared status fields show: the form, and the engagement start date as stored before this edit.</summary>
public sealed record StatusFields(EditForm Form, DateOnly? OriginalStart)
{
    /// <summary>A bulk edit: every field may be kept (left empty) or cleared on all selected entitlements.</summary>
    public bool Bulk { get; init; }

    /// <summary>The fields ticked to be cleared (bulk edit).</summary>
    public IReadOnlyCollection<string> Cleared { get; init; } = [];

    /// <summary>The administrator-defined L3 values, offered as a choice under the chosen L2.</summary>
    public IReadOnlyList<Application.Data.L3Value> L3Values { get; init; } = [];
}
