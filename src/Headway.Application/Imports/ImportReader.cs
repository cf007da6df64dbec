using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Headway.Domain.Results;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Headway.Application.Imports;

/// <summary>
/// Reads an import file, CSV or Excel, row by row, never holding more than a row. CSV text may be in any
/// encoding spreadsheets write: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"),
/// GB18030 (Chinese Excel) or Shift_JIS (Japanese Excel). A byte-order mark decides; otherwise valid UTF-8 is
/// UTF-8, and the two double-byte encodings are told apart by which lead bytes their characters use. The
/// decoders are strict: a byte that is not text in the chosen encoding is reported, never turned into a '?'.
/// A workbook is streamed sheet by sheet (MiniExcel) after <see cref="WorkbookParts"/> has checked its zip.
/// Whatever is wrong with a file, and whatever limit of <see cref="ImportLimits"/> it passes, is a refusal:
/// from <see cref="Open"/>, or as <see cref="Failure"/> once the rows stop.
/// </summary>
public sealed class ImportReader : IDisposable
{
    static ImportReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

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

            var encoding = encodingName is { Length: > 0 } ? Named(encodingName) : Detect(stream);
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
    private static string Short(Exception e)
    {
        var message = e.Message.Split('\n', 2)[0].Trim();
        return message.Length <= 200 ? message : message[..199] + "…";
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Refusal CellTooLong(ImportLimits limits) => Refusal.Of(RefusalCodes.ImportCellTooLong, Invariant(limits.MaxCellCharacters));

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
    private sealed class Stop
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

        var workbook = new Workbook(stream, sheets, width, limits, stop);
        var header = workbook.Header();
        if (header is null)
        {
            var refusal = stop.Refusal ?? Refusal.Of(RefusalCodes.ImportUnreadable, "");
            workbook.Dispose();
            return refusal;
        }

        return Result<ImportReader>.Ok(new ImportReader(header, null, workbook, limits, stop, workbook.Rows()));
    }

    /// <summary>
    /// A workbook read a sheet at a time, each sheet a stream of rows as wide as the first sheet's header.
    /// Every later sheet whose header is the same is read too (an export writes a sheet per million rows and
    /// repeats the header), its rows numbered on from the last row of the sheet before.
    /// </summary>
    private sealed class Workbook(Stream stream, IReadOnlyList<WorkbookParts.Sheet> sheets, int width, ImportLimits limits, Stop stop) : IDisposable
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
                stop.Set(Refusal.Of(RefusalCodes.ImportUnreadable, Short(e)), row);
                return null;
            }

            if (row - 1 > limits.MaxRows)
            {
                stop.Set(Refusal.Of(RefusalCodes.ImportTooManyRows, Invariant(limits.MaxRows)), row);
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
                    stop.Set(CellTooLong(limits), row, c);
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

    private static (Encoding Encoding, string Name)? Named(string name) => name.Trim().ToUpperInvariant() switch
    {
        "UTF-8" or "UTF8" => (Strict(65001), "UTF-8"),
        "UTF-16" or "UTF16" or "UTF-16LE" or "UNICODE" => (Strict(1200), "UTF-16"),
        "UTF-16BE" => (Strict(1201), "UTF-16"),
        "GB18030" or "GBK" or "GB2312" => (Strict(54936), "GB18030"),
        "SHIFT_JIS" or "SHIFT-JIS" or "SJIS" or "CP932" => (Strict(932), "Shift_JIS"),
        _ => null,
    };

    private static Encoding Strict(int codePage) => codePage switch
    {
        65001 => new UTF8Encoding(false, throwOnInvalidBytes: true),
        1200 => new UnicodeEncoding(false, false, throwOnInvalidBytes: true),
        1201 => new UnicodeEncoding(true, false, throwOnInvalidBytes: true),
        _ => Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
    };

    /// <summary>Reads the file once to choose its encoding, then rewinds it.</summary>
    public static (Encoding Encoding, string Name) Detect(Stream stream)
    {
        var start = new byte[1 << 20];
        var n = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var head = start.AsSpan(0, n);
        try
        {
            if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            {
                return (Strict(65001), "UTF-8");
            }

            if (head.StartsWith(new byte[] { 0xFF, 0xFE }))
            {
                return (Strict(1200), "UTF-16");
            }

            if (head.StartsWith(new byte[] { 0xFE, 0xFF }))
            {
                return (Strict(1201), "UTF-16");
            }

            if (LooksLikeUtf16(head, out var bigEndian))
            {
                return bigEndian ? (Strict(1201), "UTF-16") : (Strict(1200), "UTF-16");
            }

            stream.Position = 0;
            if (IsUtf8(stream))
            {
                return (Strict(65001), "UTF-8");
            }

            return LooksLikeGb(head) ? (Strict(54936), "GB18030") : (Strict(932), "Shift_JIS");
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>Text in UTF-16 without a mark: most ASCII characters leave every other byte zero.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head, out bool bigEndian)
    {
        var sample = head[..(Math.Min(head.Length, 4096) & ~1)];
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = Math.Max(1, sample.Length / 2);
        bigEndian = evenZeros > oddZeros;
        return Math.Max(evenZeros, oddZeros) * 3 > pairs;
    }

    private static bool IsUtf8(Stream stream)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[1 << 16];
        try
        {
            int read;
            while ((read = stream.Read(bytes)) > 0)
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// GB18030 (GB2312 part) puts common Chinese characters on lead and trail bytes 0xA1–0xFE; Shift_JIS
    /// puts kana and most kanji on lead bytes 0x81–0x9F and single-byte half-width katakana on 0xA1–0xDF.
    /// </summary>
    private static bool LooksLikeGb(ReadOnlySpan<byte> head)
    {
        int gbPairs = 0, otherPairs = 0;
        for (var i = 0; i < head.Length - 1; i++)
        {
            var b = head[i];
            if (b < 0x80)
            {
                continue;
            }

            var t = head[i + 1];
            if (b is >= 0xA1 and <= 0xF7 && t is >= 0xA1 and <= 0xFE)
            {
                gbPairs++;
            }
            else
            {
                otherPairs++;
            }

            i++;
        }

        return gbPairs > otherPairs * 4;
    }
}
