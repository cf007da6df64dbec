using System.Globalization;
using Headway.Application.Reports;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Application.Tenants;

/// <summary>
/// The tenant list's query string, said once: its parameters with their allowed values (read by the page, the API, the
/// export, saved views and the OpenAPI document), the parser, which refuses an unknown parameter or value by its name
/// instead of ignoring it, and the canonical query string of a filter. A saved view is that string.
/// </summary>
public static class TenantListQuery
{
    public const int DefaultStaleDays = 30;

    /// <summary>At most this many values of one free-text filter (manager, tag).</summary>
    public const int MaxTextValues = 50;

    public const int MaxManager = 200;

    public const int MaxTag = 100;

    /// <summary>What a parameter takes.</summary>
    public enum Kind
    {
        /// <summary>Free text.</summary>
        Text,

        /// <summary>One of <see cref="Parameter.Choices"/>, matched without regard to case.</summary>
        Choice,

        /// <summary>
        /// A catalogue code (2 to 20 letters and digits), matched without regard to case and kept in capitals: the
        /// workload catalogue is data that administrators extend, so its codes are no fixed list.
        /// </summary>
        Code,

        /// <summary>true or false.</summary>
        Flag,

        /// <summary>A whole number.</summary>
        Number,
    }

    /// <summary>One query parameter of the tenant list.</summary>
    /// <param name="Name">Its name in the query string.</param>
    /// <param name="Kind">What it takes.</param>
    /// <param name="Repeatable">Whether it may be given several times (the values are alternatives).</param>
    /// <param name="Choices">The allowed values of a choice, in the order lists show them.</param>
    /// <param name="Description">What it does, for the API's description.</param>
    /// <param name="Get">Its values in a filter, as the canonical query string writes them.</param>
    /// <param name="Set">The filter with its values.</param>
    public sealed record Parameter(string Name, Kind Kind, bool Repeatable, IReadOnlyList<string> Choices, string Description,
        Func<TenantFilter, IEnumerable<string>> Get, Func<TenantFilter, IReadOnlyList<string>, TenantFilter> Set);

    /// <summary>The old name of <c>q</c>, still read so that existing clients and bookmarks keep working.</summary>
    public const string SearchAlias = "search";

    public static IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("q", Kind.Text, false, [],
            "Words to find in the tenant's name or brand name: every word must occur, in any script and case (the tenant hits of /api/v1/search match the same way). 'search' is the old name of this parameter.",
            f => Values(f.Text), (f, v) => f with { Text = v[0] }),
        new("l1", Kind.Choice, true, [.. StatusTaxonomy.Default.L1s.Select(l => l.Code)],
            "Tenants with an entitlement of this status (repeat for several).",
            f => f.L1, (f, v) => f with { L1 = v }),
        new("l2", Kind.Choice, true, [.. StatusTaxonomy.Default.L2s.Select(l => l.Code)],
            "Tenants with an entitlement of this sub-status (repeat for several).",
            f => f.L2, (f, v) => f with { L2 = v }),
        new("workload", Kind.Code, true, [],
            "Tenants entitled to this workload (repeat for several). With other entitlement filters, the same entitlement must meet them all.",
            f => f.Workloads, (f, v) => f with { Workloads = v }),
        new("grade", Kind.Choice, true, Enum.GetNames<NoteCoach.Grade>(),
            "Tenants with a status note the note coach graded so (repeat for several).",
            f => f.Grades, (f, v) => f with { Grades = v }),
        new("hygiene", Kind.Choice, true, HygieneReport.Reasons,
            "Tenants with an entitlement that the hygiene report counts under this reason (repeat for several).",
            f => f.Hygiene, (f, v) => f with { Hygiene = v }),
        new("staleDays", Kind.Number, false, [],
            "Days without a change after which hygiene=NotUpdated counts an entitlement (1–3650, default 30).",
            f => f.StaleDays == DefaultStaleDays ? [] : [f.StaleDays.ToString(CultureInfo.InvariantCulture)],
            (f, v) => f with { StaleDays = int.Parse(v[0], CultureInfo.InvariantCulture) }),
        new("priority", Kind.Choice, true, Enum.GetNames<Priority>(),
            "Tenants of this priority (repeat for several).",
            f => f.Priorities.Select(p => p.ToString()), (f, v) => f with { Priorities = [.. v.Select(Enum.Parse<Priority>)] }),
        new("country", Kind.Choice, true, [.. Geography.Default.Countries.Select(c => c.Code).Order(StringComparer.Ordinal)],
            "Tenants in this country, an ISO 3166-1 alpha-2 code (repeat for several).",
            f => f.Countries, (f, v) => f with { Countries = v }),
        new("region", Kind.Choice, true, Geography.Default.Regions,
            "Tenants in this region (repeat for several).",
            f => f.Regions, (f, v) => f with { Regions = v }),
        new("manager", Kind.Text, true, [],
            "Tenants assigned to this onboarding manager, by user name (repeat for several).",
            f => f.Managers, (f, v) => f with { Managers = v }),
        new("mine", Kind.Flag, false, [],
            "true: only the tenants assigned to the caller.",
            f => f.Mine ? ["true"] : [], (f, v) => f with { Mine = v[0] == "true" }),
        new("tag", Kind.Text, true, [],
            "Tenants with this hashtag (with or without #) on an overall note or a status note (repeat for several).",
            f => f.Tags, (f, v) => f with { Tags = v }),
        new("sort", Kind.Choice, false, ListTenants.SortKeys,
            "The column to sort by (default name). status sorts by the number of Blocked entitlements, lastChange by the latest change of any entitlement. Ties are ordered by name, then id.",
            f => f.Sort == ListTenants.DefaultSort ? [] : [f.Sort], (f, v) => f with { Sort = v[0] }),
        new("desc", Kind.Flag, false, [],
            "true: sort descending.",
            f => f.Descending ? ["true"] : [], (f, v) => f with { Descending = v[0] == "true" }),
    ];

    /// <summary>The parameter of a name (the old name <c>search</c> is <c>q</c>), matched without regard to case; null if unknown.</summary>
    public static Parameter? Find(string name) =>
        string.Equals(name, SearchAlias, StringComparison.OrdinalIgnoreCase) ? Parameters[0]
            : Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a query string without its page number: <c>l1=Blocked&amp;sort=seats</c>, with or without the leading '?'.</summary>
    public static Result<TenantFilter> Parse(string query) => Parse(Split(query), []);

    /// <summary>
    /// Reads the filter from query parameters. A parameter of another name is refused unless the caller reads it itself
    /// (<paramref name="alsoAllowed"/>: paging, the language); so are a value that is not allowed, a parameter given twice
    /// that takes one value, and text a field may not hold. Empty values are no condition (an empty form field).
    /// </summary>
    public static Result<TenantFilter> Parse(IEnumerable<KeyValuePair<string, string?>> pairs, IReadOnlyCollection<string> alsoAllowed)
    {
        var given = new Dictionary<Parameter, List<string>>();
        foreach (var (name, raw) in pairs)
        {
            if (Find(name) is not { } parameter)
            {
                if (alsoAllowed.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                return Refusal.ForField(name, RefusalCodes.UnknownParameter, name,
                    string.Join(", ", Parameters.Select(p => p.Name).Concat(alsoAllowed)));
            }

            var value = raw?.Trim() ?? "";
            if (TextRules.Check(parameter.Name, value) is { } forbidden)
            {
                return forbidden;
            }

            if (value.Length == 0)
            {
                continue;
            }

            if (!given.TryGetValue(parameter, out var values))
            {
                given[parameter] = values = [];
            }

            values.Add(value);
        }

        var filter = new TenantFilter();
        foreach (var (parameter, values) in given)
        {
            var read = Read(parameter, values);
            if (!read.Succeeded)
            {
                return read.Refusal;
            }

            if (read.Value.Count > 0)
            {
                filter = parameter.Set(filter, read.Value);
            }
        }

        return Result<TenantFilter>.Ok(filter);
    }

    /// <summary>The canonical query string of a filter (parameters in the order of <see cref="Parameters"/>), without '?'.</summary>
    public static string ToQuery(TenantFilter filter, params (string Name, string? Value)[] extra) =>
        Join(Pairs(filter).Select(p => (p.Name, (string?)p.Value)).Concat(extra));

    /// <summary>The filter's conditions and sort as (name, value) pairs, in canonical order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Pairs(TenantFilter filter) =>
        [.. Parameters.SelectMany(p => p.Get(filter).Select(v => (p.Name, v)))];

    /// <summary>A query string of pairs; pairs without a value are left out.</summary>
    public static string Join(IEnumerable<(string Name, string? Value)> pairs) =>
        string.Join("&", pairs.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));

    /// <summary>A raw query string as (name, value) pairs, decoded as a browser encodes a form ('+' is a space).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Split(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            var name = at < 0 ? part : part[..at];
            var value = at < 0 ? "" : part[(at + 1)..];
            return KeyValuePair.Create(Decode(name), (string?)Decode(value));
        });

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    private static Result<IReadOnlyList<string>> Read(Parameter parameter, List<string> values)
    {
        if (!parameter.Repeatable && values.Count > 1)
        {
            return Refusal.ForField(parameter.Name, RefusalCodes.ParameterRepeated, parameter.Name);
        }

        switch (parameter.Kind)
        {
            case Kind.Choice:
                var chosen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var value in values)
                {
                    var choice = parameter.Choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
                    if (choice is null)
                    {
                        return Refusal.ForField(parameter.Name, RefusalCodes.UnknownFilterValue, parameter.Name, value, string.Join(", ", parameter.Choices));
                    }

                    chosen.Add(choice);
                }

                // In the order of the choices, so that the same filter always reads the same.
                return Result<IReadOnlyList<string>>.Ok([.. parameter.Choices.Where(chosen.Contains)]);
            case Kind.Code:
                var codes = new List<string>();
                foreach (var value in values)
                {
                    var code = value.Trim().ToUpperInvariant();
                    if (code.Length is < 2 or > 20 || !code.All(char.IsAsciiLetterOrDigit))
                    {
                        return Refusal.ForField(parameter.Name, RefusalCodes.UnknownFilterValue, parameter.Name, value, "EXO, SPO, TEAMS, …");
                    }

                    if (!codes.Contains(code))
                    {
                        codes.Add(code);
                    }
                }

                // In one order, so that the same filter always reads the same.
                return Result<IReadOnlyList<string>>.Ok([.. codes.Order(StringComparer.Ordinal)]);
            case Kind.Flag:
                var flag = values[0].ToLowerInvariant();
                return flag is "true" or "false"
                    ? Result<IReadOnlyList<string>>.Ok(flag == "true" ? ["true"] : [])
                    : Refusal.ForField(parameter.Name, RefusalCodes.UnknownFilterValue, parameter.Name, values[0], "true, false");
            case Kind.Number:
                return int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650
                    ? Result<IReadOnlyList<string>>.Ok(days == DefaultStaleDays ? [] : [days.ToString(CultureInfo.InvariantCulture)])
                    : Refusal.ForField(parameter.Name, RefusalCodes.UnknownFilterValue, parameter.Name, values[0], "1–3650");
            default:
                return ReadText(parameter, values);
        }
    }

    private static Result<IReadOnlyList<string>> ReadText(Parameter parameter, List<string> values)
    {
        var (limit, normalize) = parameter.Name switch
        {
            "q" => (Search.SearchAll.MaxQuery, (Func<string, string>)(v => v)),
            "tag" => (MaxTag, v => Hashtags.Normalize(v) ?? ""),
            _ => (MaxManager, v => v),
        };
        if (values.Count > MaxTextValues)
        {
            return Refusal.ForField(parameter.Name, RefusalCodes.TooManyFilterValues, parameter.Name, MaxTextValues.ToString(CultureInfo.InvariantCulture));
        }

        if (values.FirstOrDefault(v => v.Length > limit) is not null)
        {
            return Refusal.ForField(parameter.Name, RefusalCodes.FieldTooLong, parameter.Name, limit.ToString(CultureInfo.InvariantCulture));
        }

        return Result<IReadOnlyList<string>>.Ok([.. values.Select(normalize).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)]);
    }

    private static IEnumerable<string> Values(string? text) => string.IsNullOrWhiteSpace(text) ? [] : [text];
}
