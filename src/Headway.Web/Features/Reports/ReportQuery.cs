using System.Globalization;
using Headway.Application.Reports;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Web.Features.Reports;

/// <summary>
/// Reads a report's filter from the query string, the same for the API and the pages:
/// workload and region (each repeatable), country, partner (an id, or "centre"), manager, priority, tag, from, to,
/// asOf, staleDays. A malformed value is refused with its field, never ignored.
/// </summary>
public static class ReportQuery
{
    public static (ReportFilter? Filter, Refusal? Refusal) Parse(IQueryCollection q)
    {
        long? partner = null;
        var centre = false;
        var partnerText = q["partner"].ToString();
        if (partnerText == "centre")
        {
            centre = true;
        }
        else if (partnerText.Length > 0)
        {
            if (!long.TryParse(partnerText, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                return (null, Refusal.ForField("partner", RefusalCodes.UnknownPartner, partnerText));
            }

            partner = p;
        }

        Priority? priority = null;
        var priorityText = q["priority"].ToString();
        if (priorityText.Length > 0)
        {
            if (!Enum.TryParse<Priority>(priorityText, ignoreCase: false, out var pr) || !Enum.IsDefined(pr) || !priorityText.All(char.IsLetter))
            {
                return (null, Refusal.ForField("priority", RefusalCodes.UnknownChoice, priorityText, string.Join(", ", Enum.GetNames<Priority>())));
            }

            priority = pr;
        }

        var dates = new Dictionary<string, DateOnly?>();
        foreach (var name in new[] { "from", "to", "asOf" })
        {
            var text = q[name].ToString();
            if (text.Length == 0)
            {
                dates[name] = null;
                continue;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return (null, Refusal.ForField(name, RefusalCodes.InvalidDate, text));
            }

            dates[name] = d;
        }

        if (DateRules.Check(("from", dates["from"]), ("to", dates["to"]), ("asOf", dates["asOf"])) is { } outOfRange)
        {
            return (null, outOfRange);
        }

        var staleDays = 30;
        var staleText = q["staleDays"].ToString();
        if (staleText.Length > 0 && (!int.TryParse(staleText, NumberStyles.None, CultureInfo.InvariantCulture, out staleDays) || staleDays is < 1 or > 3650))
        {
            return (null, Refusal.ForField("staleDays", RefusalCodes.UnknownChoice, staleText, "1–3650"));
        }

        if (Blank(q["tag"]) is { } tag && !Hashtags.IsTag(Hashtags.Normalize(tag)))
        {
            return (null, Refusal.ForField("tag", RefusalCodes.InvalidHashtag, tag));
        }

        var workloads = q["workload"].Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!.Trim().ToUpperInvariant()).Distinct().ToList();
        var regions = q["region"].Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()).Distinct().ToList();
        if (regions.FirstOrDefault(r => !Geography.Default.Regions.Contains(r, StringComparer.Ordinal)) is { } unknownRegion)
        {
            return (null, Refusal.ForField("region", RefusalCodes.UnknownFilterValue, "region", unknownRegion, string.Join(", ", Geography.Default.Regions)));
        }

        return (new ReportFilter(workloads, regions, Blank(q["country"])?.ToUpperInvariant(), partner, centre, Blank(q["manager"]), priority,
            Blank(q["tag"]), dates["from"], dates["to"], dates["asOf"], staleDays), null);
    }

    /// <summary>The query string that gives the same filter (for links, exports and drill-downs).</summary>
    public static string ToQuery(ReportFilter f, params (string Name, string? Value)[] extra)
    {
        var parts = new List<(string, string?)>();
        parts.AddRange((f.Workloads ?? []).Select(w => ("workload", (string?)w)));
        parts.AddRange((f.Regions ?? []).Select(r => ("region", (string?)r)));
        parts.Add(("country", f.Country));
        parts.Add(("partner", f.CentreOnly ? "centre" : f.PartnerId?.ToString(CultureInfo.InvariantCulture)));
        parts.Add(("manager", f.Manager));
        parts.Add(("priority", f.Priority?.ToString()));
        parts.Add(("tag", f.Tag));
        parts.Add(("from", f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        parts.Add(("to", f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        parts.Add(("asOf", f.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        parts.Add(("staleDays", f.StaleDays == 30 ? null : f.StaleDays.ToString(CultureInfo.InvariantCulture)));
        parts.AddRange(extra);
        return string.Join("&", parts.Where(p => p.Item2 is not null).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
    }

    /// <summary>The filter narrowed to what lies behind one line, and the drill's own conditions.</summary>
    public static string DrillQuery(ReportFilter f, Drill d)
    {
        var narrowed = f with
        {
            Workloads = d.Workload is null ? f.Workloads : [d.Workload],
            Manager = d.Manager ?? f.Manager,
            PartnerId = d.PartnerId ?? f.PartnerId,
            CentreOnly = d.CentreOnly || f.CentreOnly,
            Regions = d.Region is null ? f.Regions : [d.Region],
            Tag = d.Tag ?? f.Tag,
        };
        return ToQuery(narrowed, ("l1", d.L1), ("l2", d.L1 is null ? null : d.L2 ?? ""), ("hygiene", d.Hygiene), ("hashtag", d.Hashtag));
    }

    private static string? Blank(Microsoft.Extensions.Primitives.StringValues v) => string.IsNullOrWhiteSpace(v.ToString()) ? null : v.ToString().Trim();
}
