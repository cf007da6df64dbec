using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using Headway.Application.Reports;

namespace Headway.Web.Features.Reports;

/// <summary>A report as CSV (UTF-8 with BOM, so spreadsheets read CJK right) or as an Excel workbook.</summary>
public static class ReportExport
{
    public static byte[] Csv(ReportResult r, ReportText text)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, Application.Exports.FormulaEscape.WriterConfiguration()))
        {
            foreach (var header in Headers(r, text))
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var line in r.Lines)
            {
                for (var i = 0; i < r.KeyColumns.Count; i++)
                {
                    csv.WriteField(text.Cell(r.KeyColumns[i], line.Keys[i]));
                }

                foreach (var value in line.Values)
                {
                    csv.WriteField(value);
                }

                csv.NextRecord();
            }
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(ReportResult r, ReportText text)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName(text.Title(r.Report)));
        var headers = Headers(r, text);
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
        }

        sheet.Row(1).Style.Font.Bold = true;
        for (var row = 0; row < r.Lines.Count; row++)
        {
            var line = r.Lines[row];
            for (var i = 0; i < r.KeyColumns.Count; i++)
            {
                sheet.Cell(row + 2, i + 1).Value = text.Cell(r.KeyColumns[i], line.Keys[i]);
            }

            for (var v = 0; v < line.Values.Count; v++)
            {
                sheet.Cell(row + 2, r.KeyColumns.Count + v + 1).Value = line.Values[v];
            }
        }

        if (r.Trend is { } trend)
        {
            var trendSheet = workbook.Worksheets.Add(SheetName(text.Column("Trend")));
            for (var m = 0; m < trend.Months.Count; m++)
            {
                trendSheet.Cell(1, m + 2).Value = trend.Months[m].ToString("yyyy-MM", CultureInfo.InvariantCulture);
            }

            for (var s = 0; s < trend.Series.Count; s++)
            {
                trendSheet.Cell(s + 2, 1).Value = text.Series(r, trend.Series[s].Key);
                for (var m = 0; m < trend.Series[s].Values.Count; m++)
                {
                    trendSheet.Cell(s + 2, m + 2).Value = trend.Series[s].Values[m];
                }
            }

            trendSheet.Row(1).Style.Font.Bold = true;
        }

        // Measuring text needs GDI+, which Linux servers lack: widths follow the longest text instead (CJK counts double).
        for (var c = 1; c <= headers.Count; c++)
        {
            var longest = sheet.Column(c).CellsUsed().Select(cell => cell.GetString()).DefaultIfEmpty("").Max(s => s.Sum(ch => ch > 0x2E80 ? 2 : 1));
            sheet.Column(c).Width = Math.Clamp(longest + 2, 8, 60);
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static List<string> Headers(ReportResult r, ReportText text) =>
        r.KeyColumns.Concat(r.ValueColumns).Select(text.Column).ToList();

    /// <summary>Excel allows 31 characters and none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var clean = new string(title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
