using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Headway.Domain.Results;

namespace Headway.Application.Imports;

/// <summary>
/// Looks at a workbook's zip before any XML parser does. A zip says how large each part unpacks to, and a
/// small file can claim gigabytes (a "zip bomb"): parts larger than <see cref="ImportLimits.MaxPartBytes"/>, or
/// packed more than 100:1 (Apache POI's limit; spreadsheet programs stay well below it), are refused unread.
/// Then every XML part is read once as bytes, without parsing, to refuse tags and texts no parser should hold
/// in memory, and to learn what the reader needs first: the sheets in order and the width of their headers.
/// </summary>
internal static class WorkbookParts
{
    /// <summary>Smaller parts may be packed as tightly as they like; they cannot grow large.</summary>
    internal const long InflationCheckedAbove = 1L << 20;

    internal const int MaxInflation = 100;

    /// <summary>No tag in a workbook comes near this; a parser holds a whole tag in memory.</summary>
    internal const int MaxTagBytes = 1 << 20;

    /// <summary>Shared strings above this size are kept in a temporary file while a sheet is read, not in memory.</summary>
    internal const long SharedStringsOnDiskAbove = 5L << 20;

    /// <summary>The disk cache of shared strings refuses longer strings (Excel's limit).</summary>
    internal const int LongestSharedStringOnDisk = 32_767;

    internal const string WorkbookPart = "xl/workbook.xml";

    internal const string SharedStringsPart = "xl/sharedStrings.xml";

    /// <summary>Where the sheet reader looks for worksheets.</summary>
    internal const string WorksheetPrefix = "xl/worksheets/sheet";

    /// <summary>A worksheet: its name, its part, and the column of the last cell with a value in its first row (0 when that row is empty).</summary>
    internal sealed record Sheet(string Name, string Part, int HeaderWidth);

    public static Result<IReadOnlyList<Sheet>> Inspect(Stream stream, ImportLimits limits)
    {
        stream.Position = 0;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return Unreadable("it is not an Excel workbook (.xlsx).");
        }

        using (zip)
        {
            var parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (!parts.TryAdd(entry.FullName, entry))
                {
                    return Unreadable($"the workbook holds the part {entry.FullName} twice.");
                }
            }

            if (!parts.ContainsKey(WorkbookPart))
            {
                return Unreadable($"it is a zip archive but not an Excel workbook (.xlsx): there is no {WorkbookPart} in it.");
            }

            var worksheets = parts.Keys.Count(p => p.StartsWith(WorksheetPrefix, StringComparison.OrdinalIgnoreCase));
            foreach (var entry in parts.Values)
            {
                // The shared strings are read again for each sheet read, so they count once per sheet.
                var unpacked = entry.FullName == SharedStringsPart ? entry.Length * Math.Max(1, worksheets) : entry.Length;
                if (unpacked > limits.MaxPartBytes)
                {
                    return Refusal.Of(RefusalCodes.ImportPartTooLarge, entry.FullName, Invariant(limits.MaxPartBytes >> 20));
                }

                if (entry.Length > InflationCheckedAbove && entry.Length > MaxInflation * entry.CompressedLength)
                {
                    return Refusal.Of(RefusalCodes.ImportPartTooCompressed, entry.FullName, Invariant(MaxInflation));
                }
            }

            var scans = new Dictionary<string, XmlPartScan>(StringComparer.Ordinal);
            foreach (var entry in parts.Values.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                                                           || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
            {
                var scan = Scan(entry, limits);
                if (scan.Failure is { } failure)
                {
                    return failure;
                }

                scans[entry.FullName] = scan;
            }

            if (parts.TryGetValue(SharedStringsPart, out var shared) && shared.Length >= SharedStringsOnDiskAbove
                && scans[SharedStringsPart].LongestSharedString > LongestSharedStringOnDisk)
            {
                return Refusal.Of(RefusalCodes.ImportCellTooLong, Invariant(Math.Min(limits.MaxCellCharacters, LongestSharedStringOnDisk)));
            }

            var sheets = Sheets(parts)
                .Where(s => s.Part.StartsWith(WorksheetPrefix, StringComparison.OrdinalIgnoreCase) && scans.ContainsKey(s.Part))
                .Select(s => s with { HeaderWidth = scans[s.Part].HeaderWidth })
                .ToList();
            return sheets.Count == 0 ? Unreadable("the workbook has no worksheet.") : Result<IReadOnlyList<Sheet>>.Ok(sheets);
        }
    }

    private static Refusal Unreadable(string why) => Refusal.Of(RefusalCodes.ImportUnreadable, why);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static XmlPartScan Scan(ZipArchiveEntry entry, ImportLimits limits)
    {
        var scan = new XmlPartScan(entry.FullName, 8L * limits.MaxCellCharacters, limits.MaxCellCharacters,
            worksheet: entry.FullName.StartsWith(WorksheetPrefix, StringComparison.OrdinalIgnoreCase),
            sharedStrings: entry.FullName == SharedStringsPart);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            using var part = entry.Open();
            long total = 0;
            int read;
            while (scan.Failure is null && (read = part.Read(buffer)) > 0)
            {
                total += read;
                if (total > entry.Length)
                {
                    // The runtime stops at the declared size; should it ever not, this does.
                    scan.Fail(Unreadable($"the part {entry.FullName} unpacks to more than the {entry.Length} bytes its header declares."));
                    break;
                }

                scan.Feed(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return scan;
    }

    /// <summary>The sheets in the workbook's order, each with the part its relationship points to.</summary>
    private static List<Sheet> Sheets(Dictionary<string, ZipArchiveEntry> parts)
    {
        const string relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        const string strictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";
        var named = new List<(string Name, string Id)>();
        using (var reader = Xml(parts[WorkbookPart]))
        {
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "sheet" }
                    && reader.GetAttribute("name") is { } name
                    && (reader.GetAttribute("id", relationships) ?? reader.GetAttribute("id", strictRelationships)) is { } id)
                {
                    named.Add((name, id));
                }
            }
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parts.TryGetValue("xl/_rels/workbook.xml.rels", out var rels))
        {
            using var reader = Xml(rels);
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "Relationship" }
                    && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
                {
                    targets.TryAdd(id, target.StartsWith('/') ? target[1..] : "xl/" + target);
                }
            }
        }

        return [.. named.Where(s => targets.ContainsKey(s.Id)).Select(s => new Sheet(s.Name, targets[s.Id], 0))];
    }

    private static XmlReader Xml(ZipArchiveEntry entry) =>
        XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
}
