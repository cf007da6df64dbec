using System.Text;
using ClosedXML.Excel;
using Headway.Application.Imports;
using Headway.Domain.Results;

namespace Headway.Application.Tests;

/// <summary>What the streaming workbook reader hands the import: the same text the cells show, sheet after sheet.</summary>
public class ImportReaderTests
{
    private static (IReadOnlyList<string> Header, List<(int Row, string?[] Cells)> Rows, ImportReader Reader) Read(byte[] file, ImportLimits? limits = null)
    {
        var opened = ImportReader.Open(new MemoryStream(file), "tenants.xlsx", limits: limits);
        Assert.True(opened.Succeeded, opened.Refusal?.Code + " " + string.Join(" ", opened.Refusal?.Args ?? []));
        var reader = opened.Value!;
        return (reader.Header, reader.Rows().ToList(), reader);
    }

    /// <summary>Rows as comparable text: the row number, then the cells (∅ for none).</summary>
    private static List<string> Text(IEnumerable<(int Row, string?[] Cells)> rows) =>
        [.. rows.Select(r => $"{r.Row}: " + string.Join(" | ", r.Cells.Select(c => c ?? "∅")))];

    [Fact]
    public void Rows_CellsOfEveryKind_ComeOutAsTheCellShowsThem()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Tenants");
        object[] values = [2500, 0.1, 12345678901234L, new DateTime(2026, 9, 30), new DateTime(2026, 9, 30, 14, 30, 0), true, "  Contoso  ", "行1\n行2", -42.5];
        for (var c = 0; c < values.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = $" h{c} ";
            sheet.Cell(2, c + 1).Value = values[c];
        }

        sheet.Cell(3, 1).Value = new DateTime(2026, 1, 2);
        sheet.Cell(3, 1).Style.DateFormat.Format = "dd.MM.yyyy";
        using var file = new MemoryStream();
        workbook.SaveAs(file);

        var (header, rows, reader) = Read(file.ToArray());

        Assert.Equal(["h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"], header);
        Assert.Equal(["2: 2500 | 0.1 | 12345678901234 | 2026-09-30 | 2026-09-30 | TRUE |   Contoso   | 行1\n行2 | -42.5",
            "3: 2026-01-02 | ∅ | ∅ | ∅ | ∅ | ∅ | ∅ | ∅ | ∅"], Text(rows));
        Assert.Null(reader.Failure);
        Assert.Null(reader.EncodingName);
    }

    [Fact]
    public void Rows_ExportedWorkbookOfThreeSheets_ReadsEveryRowNumberedOnAndSkipsASheetWithAnotherHeader()
    {
        string[] header = ["id", "tenant", "seats", "workload", "note"];
        var rows = Enumerable.Range(1, 25).Select(i => new object?[] { i, $"Tenant {i}", 100 + i, "EXO", i % 5 == 0 ? null : $"Note {i}" });
        var exported = Workbooks.Exported(header, rows, sheetRows: 10);

        var (readHeader, read, reader) = Read(exported);

        Assert.Equal(header, readHeader);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"Tenant {i}"), read.Select(r => r.Cells[1]));
        // Sheet 1 holds rows 1–11 (header and ten rows), sheet 2 rows 12–22 with its header at 12, sheet 3 from 23.
        Assert.Equal([2, 11, 13, 22, 24, 28], read.Where((_, i) => i is 0 or 9 or 10 or 19 or 20 or 24).Select(r => r.Row));
        Assert.Equal(new string?[] { "25", "Tenant 25", "125", "EXO", null }, read[^1].Cells);
        Assert.Null(reader.Failure);

        var other = Workbooks.Xlsx(
            Workbooks.Row("tenant", "workload") + Workbooks.Row("A", "EXO"),
            Workbooks.Row("tenant", "l1") + Workbooks.Row("B", "Blocked"),
            Workbooks.Row("tenant", "workload") + Workbooks.Row("C", "SPO"));
        Assert.Equal(["2: A | EXO", "4: C | SPO"], Text(Read(other).Rows));
    }

    [Fact]
    public void Rows_SharedStringsLargeEnoughToBeKeptOnDisk_AreReadBack()
    {
        const int count = 120_000;
        var file = Workbooks.Xlsx(
            [s =>
            {
                s.Write(Encoding.UTF8.GetBytes(Workbooks.Row("tenant", "note")));
                for (var i = 0; i < count; i += 1_000)
                {
                    s.Write(Encoding.ASCII.GetBytes($"<row><c t=\"s\"><v>{i}</v></c><c t=\"s\"><v>{i + 1}</v></c></row>"));
                }
            }],
            ("xl/sharedStrings.xml", s =>
            {
                s.Write(Encoding.UTF8.GetBytes($"<sst xmlns=\"{Workbooks.Main}\">"));
                for (var i = 0; i < count; i++)
                {
                    s.Write(Encoding.UTF8.GetBytes($"<si><t>{i:D6} テナントのメモ &amp; a note long enough to make the table large</t><rPh sb=\"0\" eb=\"1\"><t>テ</t></rPh></si>"));
                }

                s.Write("</sst>"u8);
            }
        ));

        var (_, rows, reader) = Read(file);

        Assert.Equal(count / 1_000, rows.Count);
        Assert.Equal(new string?[] { "119000 テナントのメモ & a note long enough to make the table large", "119001 テナントのメモ & a note long enough to make the table large" }, rows[^1].Cells);
        Assert.Null(reader.Failure);
    }

    [Fact]
    public void Open_SharedStringLongerThanExcelAllowsInALargeTable_IsTooLongNotUnreadable()
    {
        var file = Workbooks.Xlsx(
            [s => s.Write(Encoding.UTF8.GetBytes(Workbooks.Row("tenant", "note") + "<row><c t=\"s\"><v>1</v></c></row>"))],
            ("xl/sharedStrings.xml", s =>
            {
                s.Write(Encoding.UTF8.GetBytes($"<sst xmlns=\"{Workbooks.Main}\">"));
                for (var i = 0; i < 100_000; i++)
                {
                    s.Write(Encoding.UTF8.GetBytes($"<si><t>string number {i} of a table of many, many strings</t></si>"));
                }

                s.Write("<si><t>"u8);
                Workbooks.Repeat(s, 'x', 40_000);
                s.Write("</t></si></sst>"u8);
            }
        ));

        var opened = ImportReader.Open(new MemoryStream(file), "tenants.xlsx");

        Assert.Equal((RefusalCodes.ImportCellTooLong, "32767"), (opened.Refusal?.Code, opened.Refusal?.Args[0]));
    }

    [Fact]
    public void Rows_CellJustOverAConfiguredLimit_StopsThereWithItsColumn()
    {
        var file = Workbooks.Xlsx(Workbooks.Row("tenant", "workload", "note") + Workbooks.Row("A", "EXO", new string('n', 10)) + Workbooks.Row("B", "SPO", new string('n', 11)));

        var (_, rows, reader) = Read(file, new ImportLimits { MaxCellCharacters = 10 });

        Assert.Equal([2], rows.Select(r => r.Row));
        Assert.Equal((RefusalCodes.ImportCellTooLong, 3, "note"), (reader.Failure?.Code, reader.FailureRow, reader.FailureColumn));
    }
}
