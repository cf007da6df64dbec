using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Headway.Domain.Results;

namespace Headway.Application.Imports;

/// <summary>
/// Reads an import file, CSV or Excel, row by row, never holding more than a row. CSV text may be in any
/// encoding spreadsheets write: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"),
/// GB18030 (Chinese Excel) or Shift_JIS (Japanese Excel), named by the user or detected (<see cref="ImportEncoding"/>).
/// A workbook is streamed sheet by sheet (<see cref="WorkbookRows"/>) after <see cref="WorkbookParts"/> has checked its zip.
/// Whatever is wrong with a file, and whatever limit of <see cref="ImportLimits"/> it passes, is a refusal:
/// from <see cref="Open"/>, or as <see cref="Failure"/> once the rows stop.
/// </summary>
public sealed class ImportReader : IDisposable
{
    /// <summary>The encodings a user may choose instead of detection, by the names shown to them.</summary>
    public static IReadOnlyList<string> EncodingNames { get; } = ["UTF-8", "UTF-16", "GB18030", "Shift_JIS"];

    private readonly IDisposable _owner;
    private readonly ImportLimits _limits;
    private readonly Stop _stop;
    private readonly IEnumerator<(int Row, string?[] Cells)> _rows;

    private ImportReader(IReadOnlyList<string> header, string? encodingName, IDisposable owner, ImportLimits limits, Stop stop, IEnumerable<(int, string?[])> rows)
    {
        Header = header;
        EncodingName = encodingName;
        _owner = owner;
        _limits = limits;
        _stop = stop;
        _rows = rows.GetEnumerator();
    }

    /// <summary>The header row's cells as written in the file.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The text encoding read (null for Excel files, which carry their own).</summary>
    public string? EncodingName { get; }

    /// <summary>Why the rows stopped before the end of the file; the rows before it were read.</summary>
    public Refusal? Failure => _stop.Refusal;

    /// <summary>The row <see cref="Failure"/> is about, when it is about one.</summary>
    public int? FailureRow => _stop.Row;

    /// <summary>The column <see cref="Failure"/> is about, as headed in the file (its letter when the heading is blank).</summary>
    public string? FailureColumn => _stop.Column is not { } c ? null
        : c < Header.Count && Header[c].Length > 0 ? Header[c] : ColumnLetters(c);

    /// <summary>
    /// Opens a file. The stream must be seekable (a file on disk; uploads are spooled to one), since
    /// detecting the encoding reads it once before the rows are read, and a workbook is a zip archive.
    /// </summary>
    public static Result<ImportReader> Open(Stream stream, string fileName, string? encodingName = null, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        var chosen = encodingName;
        try
        {
            if (IsExcel(stream, fileName))
            {
                return OpenExcel(stream, limits);
            }

            var encoding = encodingName is { Length: > 0 } ? ImportEncoding.Named(encodingName) : ImportEncoding.Detect(stream);
            if (encoding is null)
            {
                return Refusal.ForField("encoding", RefusalCodes.UnknownChoice, encodingName!, string.Join(", ", EncodingNames));
            }

            chosen = encoding.Value.Name;
            return OpenCsv(stream, encoding.Value.Encoding, encoding.Value.Name, limits);
        }
        catch (Exception e) when (IsDecoding(e))
        {
            return Refusal.Of(RefusalCodes.ImportWrongEncoding, chosen ?? "");
        }
        catch (MaxFieldSizeException)
        {
            return CellTooLong(limits);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Refusal.Of(RefusalCodes.ImportUnreadable, Short(e));
        }
    }

    /// <summary>The data rows in order with their row numbers (the header is row 1; a later sheet's rows continue the count).</summary>
    public IEnumerable<(int Row, string?[] Cells)> Rows()
    {
        while (true)
        {
            try
            {
                if (!_rows.MoveNext())
                {
                    yield break;
                }
            }
            catch (Exception e) when (IsDecoding(e))
            {
                _stop.Set(Refusal.Of(RefusalCodes.ImportWrongEncoding, EncodingName ?? ""));
                yield break;
            }
            catch (MaxFieldSizeException e)
            {
                // The field being read when it grew too long follows the fields read before it.
                _stop.Set(CellTooLong(_limits), e.Context?.Parser?.Row, e.Context?.Parser?.Count);
                yield break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _stop.Set(Refusal.Of(RefusalCodes.ImportUnreadable, Short(e)));
                yield break;
            }

            // A cell an export escaped against formula injection comes back as it was (Exports/FormulaEscape).
            var (row, cells) = _rows.Current;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Exports.FormulaEscape.Undo(cells[i]);
            }

            yield return (row, cells);
        }
    }

    public void Dispose()
    {
        _rows.Dispose();
        _owner.Dispose();
    }

    private static bool IsDecoding(Exception? e) => e is not null && (e is DecoderFallbackException || IsDecoding(e.InnerException));

    /// <summary>An exception's message as the reason a file is unreadable: its first line, at most 200 characters.</summary>
    internal static string Short(Exception e)
    {
        var message = e.Message.Split('\n', 2)[0].Trim();
        return message.Length <= 200 ? message : message[..199] + "…";
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static Refusal CellTooLong(ImportLimits limits) => Refusal.Of(RefusalCodes.ImportCellTooLong, Invariant(limits.MaxCellCharacters));

    /// <summary>A column's letters (0 is A).</summary>
    private static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }

        return letters;
    }

    /// <summary>Why and where reading stopped, shared by the reader and the rows it hands out.</summary>
    internal sealed class Stop
    {
        public Refusal? Refusal { get; private set; }

        public int? Row { get; private set; }

        public int? Column { get; private set; }

        public void Set(Refusal refusal, int? row = null, int? column = null) => (Refusal, Row, Column) = (refusal, row, column);
    }

    /// <summary>Owns nothing: for files whose reading holds no resources.</summary>
    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private static bool IsExcel(Stream stream, string fileName)
    {
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // An .xlsx file is a zip archive, whatever its name says.
        Span<byte> magic = stackalloc byte[4];
        var read = stream.Read(magic);
        stream.Position = 0;
        return read == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }

    private static Result<ImportReader> OpenExcel(Stream stream, ImportLimits limits)
    {
        var inspected = WorkbookParts.Inspect(stream, limits);
        if (!inspected.Succeeded)
        {
            return inspected.Refusal;
        }

        var sheets = inspected.Value;
        var width = sheets[0].HeaderWidth;
        if (width > limits.MaxColumns)
        {
            return Refusal.Of(RefusalCodes.ImportTooManyColumns, Invariant(width), Invariant(limits.MaxColumns));
        }

        var stop = new Stop();
        if (width == 0)
        {
            return Result<ImportReader>.Ok(new ImportReader([], null, new Nothing(), limits, stop, []));
        }

        var workbook = new WorkbookRows(stream, sheets, width, limits, stop);
        var header = workbook.Header();
        if (header is null)
        {
            var refusal = stop.Refusal ?? Refusal.Of(RefusalCodes.ImportUnreadable, "");
            workbook.Dispose();
            return refusal;
        }

        return Result<ImportReader>.Ok(new ImportReader(header, null, workbook, limits, stop, workbook.Rows()));
    }


    private static Result<ImportReader> OpenCsv(Stream stream, Encoding encoding, string name, ImportLimits limits)
    {
        var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Excel writes ';' where the decimal separator is a comma (German) and tabs for "Unicode text".
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
            // Counted as written: with its quotes, and a quote inside as two. The exact limit is checked on each value;
            // this only keeps a field from growing without end before it is a value.
            MaxFieldSize = 2.0 * limits.MaxCellCharacters + 2,
        };
        var csv = new CsvReader(reader, config);
        var stop = new Stop();
        SkipByteOrderMark(reader);
        if (!csv.Read())
        {
            return Result<ImportReader>.Ok(new ImportReader([], name, csv, limits, stop, []));
        }

        var header = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.Parser[i].Trim()).ToList();
        if (header.Any(h => h.Length > limits.MaxCellCharacters))
        {
            csv.Dispose();
            return CellTooLong(limits);
        }

        return Result<ImportReader>.Ok(new ImportReader(header, name, csv, limits, stop, CsvRows(csv, limits, stop)));
    }

    private static void SkipByteOrderMark(StreamReader reader)
    {
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }
    }

    private static IEnumerable<(int, string?[])> CsvRows(CsvReader csv, ImportLimits limits, Stop stop)
    {
        while (csv.Read())
        {
            var row = csv.Parser.Row;
            if (row - 1 > limits.MaxRows)
            {
                stop.Set(Refusal.Of(RefusalCodes.ImportTooManyRows, Invariant(limits.MaxRows)), row);
                yield break;
            }

            var cells = new string?[csv.Parser.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.Parser[i];
                if (cells[i]!.Length > limits.MaxCellCharacters)
                {
                    stop.Set(CellTooLong(limits), row, i);
                    yield break;
                }
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return (row, cells);
        }
    }
}
