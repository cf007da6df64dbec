using System.Globalization;
using Headway.Domain.Results;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Headway.Application.Imports;

/// <summary>
/// A workbook read a sheet at a time, each sheet a stream of rows as wide as the first sheet's header.
/// Every later sheet whose header is the same is read too (an export writes a sheet per million rows and
/// repeats the header), its rows numbered on from the last row of the sheet before.
/// </summary>
internal sealed class WorkbookRows(Stream stream, IReadOnlyList<WorkbookParts.Sheet> sheets, int width, ImportLimits limits, ImportReader.Stop stop) : IDisposable
{
    private readonly OpenXmlConfiguration _configuration = new()
    {
        // Empty rows come through, so that the rows can be counted to their numbers (they are skipped here).
        IgnoreEmptyRows = false,
        MaxSynthesizedCells = null,
        EnableSharedStringCache = true,
        SharedStringCacheSize = WorkbookParts.SharedStringsOnDiskAbove,
        // A cell starting "@@@fileid@@@," would otherwise read another part of the zip into memory.
        EnableConvertByteArray = false,
        FillMergedCells = false,
    };

    private IEnumerator<object>? _sheet;
    private string?[]? _header;

    /// <summary>The first sheet's first row (null when it cannot be read: see the stop).</summary>
    public List<string>? Header()
    {
        _sheet = Query(sheets[0]);
        _header = Next(_sheet, 1);
        if (_header is null)
        {
            stop.Set(stop.Refusal ?? Refusal.Of(RefusalCodes.ImportUnreadable, "the first sheet has no rows."));
            return null;
        }

        var header = _header.Select(h => h?.Trim() ?? "").ToList();
        while (header is [.., ""])
        {
            header.RemoveAt(header.Count - 1);
        }

        return header;
    }

    public IEnumerable<(int, string?[])> Rows()
    {
        var before = 0;
        for (var s = 0; s < sheets.Count; s++)
        {
            if (s > 0)
            {
                _sheet?.Dispose();
                _sheet = null;
                if (sheets[s].HeaderWidth != width)
                {
                    continue;
                }

                _sheet = Query(sheets[s]);
                var header = Next(_sheet, before + 1);
                if (stop.Refusal is not null)
                {
                    yield break;
                }

                if (header is null || !header.SequenceEqual(_header!))
                {
                    continue;
                }
            }

            var inSheet = 1;
            while (Next(_sheet!, before + inSheet + 1) is { } cells)
            {
                var row = before + ++inSheet;
                if (!Array.TrueForAll(cells, string.IsNullOrWhiteSpace))
                {
                    yield return (row, cells);
                }
            }

            if (stop.Refusal is not null)
            {
                yield break;
            }

            before += inSheet;
        }
    }

    public void Dispose() => _sheet?.Dispose();

    private IEnumerator<object> Query(WorkbookParts.Sheet sheet)
    {
        stream.Position = 0;
        return stream.QueryRange(useHeaderRow: false, sheet.Name, ExcelType.XLSX, startRowIndex: 1, startColumnIndex: 1,
            endRowIndex: null, endColumnIndex: width, _configuration).GetEnumerator();
    }

    /// <summary>The next row as text, or null at the end of the sheet or when reading must stop.</summary>
    private string?[]? Next(IEnumerator<object> sheet, int row)
    {
        try
        {
            if (!sheet.MoveNext())
            {
                return null;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stop.Set(Refusal.Of(RefusalCodes.ImportUnreadable, ImportReader.Short(e)), row);
            return null;
        }

        if (row - 1 > limits.MaxRows)
        {
            stop.Set(Refusal.Of(RefusalCodes.ImportTooManyRows, ImportReader.Invariant(limits.MaxRows)), row);
            return null;
        }

        var cells = new string?[width];
        var c = 0;
        foreach (var (_, value) in (IDictionary<string, object?>)sheet.Current)
        {
            if (c == width)
            {
                break;
            }

            var text = Text(value);
            if (text?.Length > limits.MaxCellCharacters)
            {
                stop.Set(ImportReader.CellTooLong(limits), row, c);
                return null;
            }

            cells[c++] = text;
        }

        return cells;
    }

    /// <summary>
    /// A cell as text, as the cell shows it: numbers in the invariant culture with up to 15 digits (Excel's
    /// precision; 2500, not 2500.0), dates as yyyy-MM-dd, booleans as TRUE or FALSE.
    /// </summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
