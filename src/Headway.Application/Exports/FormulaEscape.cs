using System.Globalization;
using CsvHelper.Configuration;

namespace Headway.Application.Exports;

/// <summary>
/// A spreadsheet opening a CSV file runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return as a formula (<c>=HYPERLINK(…)</c>, <c>=cmd|' /C calc'!A0</c>): a note or a name could attack the
/// person who opens an export. Every CSV Headway writes prefixes such a cell with an apostrophe, as OWASP recommends,
/// and quotes it; a cell that itself starts with an apostrophe gets one more, so the importer can take exactly one
/// off and an export imports back as it was. Workbooks (.xlsx) store text as text and need none of this.
/// </summary>
public static class FormulaEscape
{
    /// <summary>What an escaped cell starts with.</summary>
    public const char Prefix = '\'';

    /// <summary>The first characters that make a cell escaped.</summary>
    public static IReadOnlyList<char> Triggers { get; } = ['=', '+', '-', '@', '\t', '\r', Prefix];

    /// <summary>The configuration of every CSV file Headway writes.</summary>
    public static CsvConfiguration WriterConfiguration() => new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = [.. Triggers],
        InjectionEscapeCharacter = Prefix,
    };

    /// <summary>The cell as it was before an export escaped it (unchanged when it was not escaped).</summary>
    public static string? Undo(string? cell) =>
        cell is { Length: > 1 } && cell[0] == Prefix && Triggers.Contains(cell[1]) ? cell[1..] : cell;
}
