using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Headway.Application.Tests;

/// <summary>Workbooks written part by part, so that tests can make them as odd as an attacker would.</summary>
internal static class Workbooks
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A zip of parts, each written by its own writer.</summary>
    public static byte[] Zip(params (string Name, Action<Stream> Write)[] parts)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in parts)
            {
                using var part = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                write(part);
            }
        }

        return file.ToArray();
    }

    public static (string, Action<Stream>) Part(string name, string xml) => (name, s => s.Write(Encoding.UTF8.GetBytes(xml)));

    /// <summary>A workbook of the given sheets (named S1, S2, …), each given as the rows inside its sheetData, plus any other parts.</summary>
    public static byte[] Xlsx(IReadOnlyList<Action<Stream>> sheets, params (string, Action<Stream>)[] more)
    {
        var names = string.Concat(sheets.Select((_, i) => $"<sheet name=\"S{i + 1}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"));
        var rels = string.Concat(sheets.Select((_, i) =>
            $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"));
        return Zip([
            Part("xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{names}</sheets></workbook>"),
            Part("xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"),
            .. sheets.Select((write, i) => ($"xl/worksheets/sheet{i + 1}.xml", (Action<Stream>)(s =>
            {
                s.Write(Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{Main}\"><sheetData>"));
                write(s);
                s.Write("</sheetData></worksheet>"u8);
            }))),
            .. more,
        ]);
    }

    public static byte[] Xlsx(params string[] sheets) => Xlsx([.. sheets.Select(rows => (Action<Stream>)(s => s.Write(Encoding.UTF8.GetBytes(rows))))]);

    /// <summary>A row of inline strings (a null is a cell left out).</summary>
    public static string Row(params string?[] cells) =>
        "<row>" + string.Concat(cells.Select(c => c is null ? "<c/>" : $"<c t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(c)}</t></is></c>")) + "</row>";

    /// <summary>Writes text of a given length from a repeated chunk, never holding it whole.</summary>
    public static void Repeat(Stream s, char c, long length)
    {
        var chunk = Encoding.ASCII.GetBytes(new string(c, 1 << 20));
        for (var left = length; left > 0; left -= chunk.Length)
        {
            s.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }
    }

    /// <summary>
    /// A workbook as the export writes one (the OpenXML writer, inline strings, whole numbers as numbers, blanks as
    /// empty cells, no dimension), a sheet per <paramref name="sheetRows"/> rows with the header repeated.
    /// </summary>
    public static byte[] Exported(string[] header, IEnumerable<object?[]> rows, int sheetRows)
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                var sheets = new List<string>();
                OpenXmlWriter? writer = null;
                var inSheet = 0;
                foreach (var row in rows)
                {
                    if (writer is null || inSheet == sheetRows)
                    {
                        Close(writer);
                        var part = workbook.AddNewPart<WorksheetPart>();
                        sheets.Add(workbook.GetIdOfPart(part));
                        writer = OpenXmlWriter.Create(part);
                        writer.WriteStartElement(new Worksheet());
                        writer.WriteStartElement(new SheetData());
                        WriteRow(writer, header);
                        inSheet = 0;
                    }

                    WriteRow(writer, row);
                    inSheet++;
                }

                Close(writer);
                workbook.Workbook = new Workbook(new Sheets(sheets.Select((id, i) => new Sheet { Id = id, SheetId = (uint)(i + 1), Name = $"entitlements {i + 1}" })));
                workbook.Workbook.Save();
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }

        static void Close(OpenXmlWriter? writer)
        {
            if (writer is not null)
            {
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.Close();
            }
        }

        static void WriteRow(OpenXmlWriter writer, object?[] values)
        {
            writer.WriteStartElement(new Row());
            foreach (var value in values)
            {
                writer.WriteElement(value switch
                {
                    int n => new Cell { DataType = CellValues.Number, CellValue = new CellValue(n) },
                    null => new Cell(),
                    _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString()!) { Space = SpaceProcessingModeValues.Preserve }) },
                });
            }

            writer.WriteEndElement();
        }
    }

    /// <summary>Rewrites the uncompressed size the zip's headers (local and central) declare for one entry.</summary>
    public static byte[] DeclareUncompressedSize(byte[] zip, string entry, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 <= bytes.Length; i++)
        {
            // Local file header: size at 22, name length at 26, name at 30; central directory: 24, 28, 46.
            var (sizeAt, lengthAt, nameAt) = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) switch
            {
                0x04034b50 => (22, 26, 30),
                0x02014b50 => (24, 28, 46),
                _ => (0, 0, 0),
            };
            var nameLength = nameAt == 0 ? 0 : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + lengthAt));
            if (nameAt > 0 && bytes.AsSpan(i + nameAt, Math.Min(nameLength, bytes.Length - i - nameAt)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + sizeAt), size);
            }
        }

        return bytes;
    }
}
