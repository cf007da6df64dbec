using System.Globalization;
using System.Text;
using System.Xml;
using Headway.Application.Reports;

namespace Headway.Web.Features.Reports;

/// <summary>
/// A report's bar chart: its largest lines by the report's chart value (ties keep the report's order), the same for
/// the page's canvas and for the SVG file the page and the API offer.
/// </summary>
public static class ReportChart
{
    public const int Bars = 15;

    private const int Width = 880;
    private const int LabelWidth = 340;
    private const int BarArea = 440;
    private const int RowHeight = 24;
    private const int Top = 48;

    /// <summary>The lines the chart draws, largest first.</summary>
    public static IReadOnlyList<ReportLine> Largest(ReportResult r) =>
        r.Lines.OrderByDescending(l => l.Values[ValueIndex(r)]).Take(Bars).ToList();

    public static int ValueIndex(ReportResult r) => ReportCatalogue.Find(r.Report)?.ChartValue ?? 0;

    /// <summary>The chart as a standalone SVG document: title, one labelled bar per line with its value, in the reader's language.</summary>
    public static byte[] Svg(ReportResult r, ReportText text)
    {
        var lines = Largest(r);
        var v = ValueIndex(r);
        var max = lines.Count == 0 ? 0 : lines.Max(l => l.Values[v]);
        var culture = CultureInfo.CurrentCulture;
        var height = Top + Math.Max(lines.Count, 1) * RowHeight + 16;
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string ns = "http://www.w3.org/2000/svg";
            var title = Clean(text.Title(r.Report));
            w.WriteStartElement("svg", ns);
            w.WriteAttributeString("width", Num(Width));
            w.WriteAttributeString("height", Num(height));
            w.WriteAttributeString("viewBox", $"0 0 {Num(Width)} {Num(height)}");
            w.WriteAttributeString("role", "img");
            w.WriteAttributeString("font-family", "system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', sans-serif");
            w.WriteAttributeString("font-size", "13");
            w.WriteElementString("title", ns, title);
            Rect(w, 0, 0, Width, height, "#ffffff");
            Text(w, 12, 26, title, "start", "16", "bold");
            if (lines.Count == 0)
            {
                Text(w, 12, Top + 16, text.Column("ReportEmpty"), "start");
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var y = Top + i * RowHeight;
                var value = line.Values[v];
                var length = max <= 0 ? 0 : Math.Max(1, value / max * BarArea);
                var label = Clean(text.Label(r, line));
                var shown = Value(r, v, value, culture);
                w.WriteStartElement("g", ns);
                w.WriteElementString("title", ns, label + ": " + shown);
                Text(w, LabelWidth - 8, y + 16, Shorten(label), "end");
                Rect(w, LabelWidth, y + 4, length, RowHeight - 8, "#2f6db5");
                Text(w, LabelWidth + length + 6, y + 16, shown, "start");
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        return stream.ToArray();
    }

    /// <summary>A value as the table shows it (a share with one decimal and %, a count with group separators).</summary>
    public static string Value(ReportResult r, int column, double value, CultureInfo culture) =>
        r.ValueColumns[column] == "ColGoodShare" ? value.ToString("N1", culture) + " %" : value.ToString("N0", culture);

    /// <summary>At most 48 characters as a reader counts them, never half a surrogate pair or half a combined character.</summary>
    private static string Shorten(string label)
    {
        var info = new StringInfo(label);
        return info.LengthInTextElements <= 48 ? label : info.SubstringByTextElements(0, 47) + "…";
    }

    /// <summary>The label without characters XML cannot hold (a name may carry what no document can).</summary>
    private static string Clean(string label)
    {
        var clean = new StringBuilder(label.Length);
        for (var i = 0; i < label.Length; i++)
        {
            if (i + 1 < label.Length && XmlConvert.IsXmlSurrogatePair(label[i + 1], label[i]))
            {
                clean.Append(label, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(label[i]))
            {
                clean.Append(label[i]);
            }
        }

        return clean.ToString();
    }

    private static string Num(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Rect(XmlWriter w, double x, double y, double width, double height, string fill)
    {
        w.WriteStartElement("rect");
        w.WriteAttributeString("x", Num(x));
        w.WriteAttributeString("y", Num(y));
        w.WriteAttributeString("width", Num(width));
        w.WriteAttributeString("height", Num(height));
        w.WriteAttributeString("fill", fill);
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, double x, double y, string content, string anchor, string? size = null, string? weight = null)
    {
        w.WriteStartElement("text");
        w.WriteAttributeString("x", Num(x));
        w.WriteAttributeString("y", Num(y));
        w.WriteAttributeString("text-anchor", anchor);
        w.WriteAttributeString("fill", "#1f2328");
        if (size is not null)
        {
            w.WriteAttributeString("font-size", size);
        }

        if (weight is not null)
        {
            w.WriteAttributeString("font-weight", weight);
        }

        w.WriteString(content);
        w.WriteEndElement();
    }
}
