using System.Globalization;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;

namespace Headway.Application.Imports;

/// <summary>
/// One row of an import file, its cells read by column and parsed (text, counts, choices, dates, the status it
/// sets); every problem is added to the import's list with the row and the column as headed in the file.
/// </summary>
internal sealed class ImportRowValues(int row, string?[] cells, IReadOnlyList<string> header, Dictionary<string, int> columns, List<ImportFile.Problem> problems)
{
    public bool Failed { get; private set; }

    public string Heading(string column) => columns.TryGetValue(column, out var i) ? header[i] : column;

    /// <summary>Refuses every cell of the row that holds a character no text may hold; true when there was one.</summary>
    public bool ForbiddenText()
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is { } cell && TextRules.IndexOfForbidden(cell) is var at and >= 0)
            {
                var heading = i < header.Count ? header[i] : (i + 1).ToString(CultureInfo.InvariantCulture);
                Failed = true;
                problems.Add(new ImportFile.Problem(row, heading, TextRules.Forbidden(heading, cell[at], at)));
            }
        }

        return Failed;
    }

    public void Refuse(string? column, Refusal refusal)
    {
        Failed = true;
        problems.Add(new ImportFile.Problem(row, column is null ? null : Heading(column), refusal));
    }

    /// <summary>The trimmed cell, or null when blank or absent.</summary>
    public string? Raw(string column) =>
        columns.TryGetValue(column, out var i) && i < cells.Length && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i]!.Trim() : null;

    public string? Text(string column, int max)
    {
        var value = Raw(column);
        if (value is { Length: var n } && n > max)
        {
            Refuse(column, Refusal.Of(RefusalCodes.FieldTooLong, Heading(column), max.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return value;
    }

    public int? Count(string column)
    {
        var value = Raw(column);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            return n;
        }

        Refuse(column, Refusal.Of(RefusalCodes.InvalidNumber, value));
        return null;
    }

    public T? Choice<T>(string column) where T : struct, Enum
    {
        var value = Raw(column);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, out _) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        Refuse(column, Refusal.Of(RefusalCodes.UnknownChoice, value, string.Join(", ", Enum.GetNames<T>())));
        return null;
    }

    /// <summary>ISO dates, and the unambiguous forms spreadsheets write: 2026/07/01 and 01.07.2026.</summary>
    public DateOnly? Date(string column)
    {
        var value = Raw(column);
        if (value is null)
        {
            return null;
        }

        if (IsoDate(value) is { } iso || DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out iso))
        {
            return iso;
        }

        Refuse(column, Refusal.Of(RefusalCodes.InvalidDate, value));
        return null;
    }

    /// <summary>
    /// The status the row sets (null when it sets none, or when a field of it is refused), with the coach's grade of its
    /// note as graded ahead of the row.
    /// </summary>
    public EntitlementUpdate? Update(string? grade)
    {
        var l1 = Raw(ImportColumns.L1);
        var target = Date(ImportColumns.TargetDate);
        var start = Date(ImportColumns.EngagementStartDate);
        var unblock = Date(ImportColumns.ProjectedUnblockDate);
        var nextDate = Date(ImportColumns.NextActionDate);
        var scenario = Choice<EngagementScenario>(ImportColumns.Scenario);
        if (l1 is null)
        {
            // No status in the row: the entitlement is only registered (or left as it is). Status fields
            // without a status would be dropped without a word, so they are refused instead.
            var orphan = new[] { ImportColumns.L2, ImportColumns.L3, ImportColumns.Note, ImportColumns.TargetDate, ImportColumns.EngagementStartDate,
                ImportColumns.ProjectedUnblockDate, ImportColumns.NextAction, ImportColumns.NextActionDate, ImportColumns.NextActionOwner,
                ImportColumns.BusinessReason, ImportColumns.Scenario }.Any(c => Raw(c) is not null);
            if (orphan)
            {
                Refuse(ImportColumns.L1, Refusal.Of(RefusalCodes.ValueRequired, Heading(ImportColumns.L1)));
            }

            return null;
        }

        var l2 = Raw(ImportColumns.L2);
        var note = Raw(ImportColumns.Note);
        var update = new EntitlementUpdate(l1, l2, Raw(ImportColumns.L3), note, target, start, unblock,
            Raw(ImportColumns.NextAction), nextDate, Raw(ImportColumns.NextActionOwner), Raw(ImportColumns.BusinessReason), scenario,
            EngagementStartDateReason: Raw(ImportColumns.EngagementStartDateReason));
        return Failed ? null : update with { NoteGrade = note is null ? null : grade };
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "d.M.yyyy"];

    /// <summary>The form nearly every row uses, read without the general parser (a large import reads millions).</summary>
    private static DateOnly? IsoDate(string value) =>
        value is [_, _, _, _, '-', _, _, '-', _, _]
        && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
        && int.TryParse(value.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
        && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}
