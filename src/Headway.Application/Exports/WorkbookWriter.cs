using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Headway.Application.Exports;

/// <summary>
/// Writes a workbook row by row with the OpenXML SAX-style writer, never holding more than one row: whole numbers
/// as numbers, everything else as inline strings (no shared-strings table to keep in memory), a new sheet with the
/// header repeated every <see cref="SheetRows"/> rows (Excel's limit is 1,048,576 including the header). The
/// exports write their workbooks with it, and the import reads such workbooks back sheet after sheet.
/// </summary>
public sealed class WorkbookWriter : IDisposable
{
    /// <summary>Rows per worksheet.</summary>
    public const int SheetRows = 1_000_000;

    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly string _name;
    private readonly IReadOnlyList<string> _columns;
    private readonly List<string> _sheets = [];
    private OpenXmlWriter? _writer;
    private int _inSheet;

    /// <param name="path">The file to write.</param>
    /// <param name="name">The first sheet's name; later sheets are numbered after it.</param>
    /// <param name="columns">The header row.</param>
    public WorkbookWriter(string path, string name, IReadOnlyList<string> columns)
    {
        _document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddWorkbookPart();
        _name = name;
        _columns = columns;
    }

    /// <summary>Writes one row; numbers of type int and long as numbers, any other value as text (<see cref="ExportText.Of"/>).</summary>
    public void Add(IReadOnlyList<object?> values)
    {
        if (_writer is null || _inSheet == SheetRows)
        {
            NewSheet();
        }

        WriteRow(_writer!, values);
        _inSheet++;
    }

    /// <summary>Finishes the workbook (an empty one gets its header sheet) and closes the file.</summary>
    public void Dispose()
    {
        if (_writer is null)
        {
            NewSheet();
        }

        Close(_writer);
        _workbook.Workbook = new Workbook(new Sheets(_sheets.Select((id, i) => new Sheet
        {
            Id = id,
            SheetId = (uint)(i + 1),
            Name = i == 0 ? _name : string.Create(CultureInfo.InvariantCulture, $"{_name} {i + 1}"),
        })));
        _workbook.Workbook.Save();
        _document.Dispose();
    }

    private void NewSheet()
    {
        Close(_writer);
        var part = _workbook.AddNewPart<WorksheetPart>();
        _sheets.Add(_workbook.GetIdOfPart(part));
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
        WriteRow(_writer, [.. _columns]);
        _inSheet = 0;
    }

    private static void Close(OpenXmlWriter? writer)
    {
        if (writer is null)
        {
            return;
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.Close();
    }

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            writer.WriteElement(value switch
            {
                int or long => new Cell { DataType = CellValues.Number, CellValue = new CellValue(ExportText.Of(value)) },
                null or "" => new Cell(),
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(ExportText.Of(value)) { Space = SpaceProcessingModeValues.Preserve }) },
            });
        }

        writer.WriteEndElement();
    }
}

/// <summary>Values as the exports write them: ISO dates and times, invariant numbers, true/false.</summary>
public static class ExportText
{
    public static string Of(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
