using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using Headway.Domain.Results;

namespace Headway.Application.Imports;

/// <summary>
/// Reads an import file, CSV or Excel, row by row. CSV text may be in any encoding spreadsheets write:
/// UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"), GB18030 (Chinese Excel) or
/// Shift_JIS (Japanese Excel). A byte-order mark decides; otherwise valid UTF-8 is UTF-8, and the two
/// double-byte encodings are told apart by which lead bytes their characters use. The decoders are
/// strict: a byte that is not text in the chosen encoding is reported, never turned into a '?'.
/// </summary>
public sealed class ImportReader : IDisposable
{
    static ImportReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encodings a user may choose instead of detection, by the names shown to them.</summary>
    public static IReadOnlyList<string> EncodingNames { get; } = ["UTF-8", "UTF-16", "GB18030", "Shift_JIS"];

    private readonly IDisposable _owner;
    private readonly IEnumerator<(int Row, string?[] Cells)> _rows;

    private ImportReader(IReadOnlyList<string> header, string? encodingName, IDisposable owner, IEnumerable<(int, string?[])> rows)
    {
        Header = header;
        EncodingName = encodingName;
        _owner = owner;
        _rows = rows.GetEnumerator();
    }

    /// <summary>The header row's cells as written in the file.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The text encoding read (null for Excel files, which carry their own).</summary>
    public string? EncodingName { get; }

    /// <summary>Set when the text stopped being valid in its encoding; the rows before it were read.</summary>
    public Refusal? Failure { get; private set; }

    /// <summary>
    /// Opens a file. The stream must be seekable (a file on disk; uploads are spooled to one), since
    /// detecting the encoding reads it once before the rows are read.
    /// </summary>
    public static Result<ImportReader> Open(Stream stream, string fileName, string? encodingName = null)
    {
        var chosen = encodingName;
        try
        {
            if (IsExcel(stream, fileName))
            {
                return Result<ImportReader>.Ok(OpenExcel(stream));
            }

            var encoding = encodingName is { Length: > 0 } ? Named(encodingName) : Detect(stream);
            if (encoding is null)
            {
                return Refusal.ForField("encoding", RefusalCodes.UnknownChoice, encodingName!, string.Join(", ", EncodingNames));
            }

            chosen = encoding.Value.Name;
            return Result<ImportReader>.Ok(OpenCsv(stream, encoding.Value.Encoding, encoding.Value.Name));
        }
        catch (Exception e) when (IsDecoding(e))
        {
            return Refusal.Of(RefusalCodes.ImportWrongEncoding, chosen ?? "");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or CsvHelperException or FormatException or ArgumentException or InvalidOperationException)
        {
            return Refusal.Of(RefusalCodes.ImportUnreadable, e.Message);
        }
    }

    /// <summary>The data rows in order with their row numbers (the header is row 1).</summary>
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
                Failure = Refusal.Of(RefusalCodes.ImportWrongEncoding, EncodingName ?? "");
                yield break;
            }
            catch (CsvHelperException e)
            {
                Failure = Refusal.Of(RefusalCodes.ImportUnreadable, e.Message);
                yield break;
            }

            yield return _rows.Current;
        }
    }

    public void Dispose()
    {
        _rows.Dispose();
        _owner.Dispose();
    }

    private static bool IsDecoding(Exception? e) => e is not null && (e is DecoderFallbackException || IsDecoding(e.InnerException));

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

    private static ImportReader OpenExcel(Stream stream)
    {
        var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheets.First();
        var used = sheet.RangeUsed();
        if (used is null)
        {
            return new ImportReader([], null, workbook, []);
        }

        var lastColumn = used.LastColumn().ColumnNumber();
        var header = Enumerable.Range(1, lastColumn).Select(c => sheet.Cell(1, c).GetFormattedString().Trim()).ToList();
        return new ImportReader(header, null, workbook, ExcelRows(sheet, used.LastRow().RowNumber(), lastColumn));
    }

    private static IEnumerable<(int, string?[])> ExcelRows(IXLWorksheet sheet, int lastRow, int lastColumn)
    {
        for (var r = 2; r <= lastRow; r++)
        {
            var row = sheet.Row(r);
            if (row.IsEmpty())
            {
                continue;
            }

            var cells = new string?[lastColumn];
            for (var c = 1; c <= lastColumn; c++)
            {
                var cell = row.Cell(c);
                cells[c - 1] = cell.DataType == XLDataType.DateTime
                    ? cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : cell.GetFormattedString();
            }

            yield return (r, cells);
        }
    }

    private static ImportReader OpenCsv(Stream stream, Encoding encoding, string name)
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
        };
        var csv = new CsvReader(reader, config);
        SkipByteOrderMark(reader);
        if (!csv.Read())
        {
            return new ImportReader([], name, csv, []);
        }

        var header = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.Parser[i].Trim()).ToList();
        return new ImportReader(header, name, csv, CsvRows(csv));
    }

    private static void SkipByteOrderMark(StreamReader reader)
    {
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }
    }

    private static IEnumerable<(int, string?[])> CsvRows(CsvReader csv)
    {
        while (csv.Read())
        {
            var cells = new string?[csv.Parser.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.Parser[i];
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return (csv.Parser.Row, cells);
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
