using System.Text;
using System.Text.Json;

namespace Headway.NoteCoach.Tests;

public class JsonLinesLinterTests
{
    private static List<JsonElement> Lint(string input, string ui = "en")
    {
        var output = new StringWriter();
        JsonLinesLinter.Run(new StringReader(input), output, ui);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public void Run_ValidLines_WritesOneResultPerLineInOrder()
    {
        var lines = Lint("""
            {"id":"a","text":"Customer can't deploy at this time.","l1":"Blocked"}
            {"id":"b","text":"客户无反应。","lang":"auto"}
            {"id":"c","text":"In Bearbeitung","l1":"InProgress","lang":"de"}
            """);

        Assert.Equal(3, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal("en", lines[0].GetProperty("lang").GetString());
        Assert.Equal("Poor", lines[0].GetProperty("grade").GetString());
        var finding = lines[0].GetProperty("findings")[0];
        Assert.Equal(JsonValueKind.String, finding.GetProperty("code").ValueKind);
        Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "Info", "Warning", "Error" });
        Assert.Equal(JsonValueKind.Number, finding.GetProperty("start").ValueKind);
        Assert.Equal(JsonValueKind.Number, finding.GetProperty("length").ValueKind);
        Assert.False(string.IsNullOrEmpty(finding.GetProperty("message").GetString()));
        Assert.Equal("zh", lines[1].GetProperty("lang").GetString());
        Assert.Equal("StatusUnknown", lines[1].GetProperty("suggested").GetProperty("l1").GetString());
        Assert.InRange(lines[1].GetProperty("suggested").GetProperty("confidence").GetDouble(), 0, 1);
        Assert.Equal("de", lines[2].GetProperty("lang").GetString());
        Assert.Equal("Insufficient", lines[2].GetProperty("grade").GetString());
    }

    [Fact]
    public void Run_MalformedLines_ReportLineNumberAndContinue()
    {
        var lines = Lint("{\"id\":\"a\",\"text\":\"In progress.\"}\nnot json\n{\"id\":\"c\"}\n\n{\"id\":\"e\",\"text\":\"x\",\"lang\":\"fr\"}\n[1,2]\n{\"id\":\"g\",\"text\":\"Blocked by the proxy.\"}\n");

        Assert.Equal(7, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        foreach (var (index, line) in new[] { (1, 2), (2, 3), (3, 4), (4, 5), (5, 6) })
        {
            Assert.Equal(line, lines[index].GetProperty("line").GetInt32());
            Assert.False(string.IsNullOrEmpty(lines[index].GetProperty("error").GetString()));
        }

        Assert.Equal("g", lines[6].GetProperty("id").GetString());
    }

    [Fact]
    public void Run_SameTenantContiguousLines_AreCheckedTogether()
    {
        var lines = Lint("""
            {"id":"1","tenant":"t1","workload":"EXO","text":"Blocked because the proxy strips authentication headers.","l1":"Blocked"}
            {"id":"2","tenant":"t1","workload":"SPO","text":"Blocked because the proxy strips authentication headers.","l1":"Blocked"}
            {"id":"3","tenant":"t2","workload":"SPO","text":"Blocked because the proxy strips authentication headers.","l1":"Blocked"}
            """);

        Assert.Equal(["1", "2", "3"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.Contains(lines[0].GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "PastedAcrossWorkloads");
        Assert.Contains(lines[1].GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "PastedAcrossWorkloads");
        Assert.DoesNotContain(lines[2].GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "PastedAcrossWorkloads");
    }

    [Fact]
    public void Run_UiLanguage_LocalizesMessagesAndKeepsCjkUnescaped()
    {
        var output = new StringWriter();
        JsonLinesLinter.Run(new StringReader("{\"id\":\"x\",\"text\":\"\"}"), output, "zh-Hans");
        Assert.Contains("笔记为空", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteResult_Result_WritesContractFields()
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonLinesLinter.WriteResult(writer, "n1", Coach.Default.Analyze(new NoteInput("No response to 3 contact attempts. Managed customer.")), "de");
        }

        var root = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray())).RootElement;
        Assert.Equal(["id", "lang", "grade", "findings", "suggested"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Good", root.GetProperty("grade").GetString());
        Assert.Equal("CustomerUnresponsive", root.GetProperty("suggested").GetProperty("l2").GetString());
    }

    [Fact]
    public void Run_ManyLinesOfOneTenant_StreamsInBoundedRuns()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < JsonLinesLinter.MaxTenantRun + 5; i++)
        {
            sb.Append("{\"id\":\"").Append(i).Append("\",\"tenant\":\"big\",\"workload\":\"W").Append(i).AppendLine("\",\"text\":\"In progress.\"}");
        }

        var lines = Lint(sb.ToString());
        Assert.Equal(JsonLinesLinter.MaxTenantRun + 5, lines.Count);
        Assert.Equal("0", lines[0].GetProperty("id").GetString());
    }
}

public class JsonLinesLinterStreamTests
{
    /// <summary>
    /// From a UTF-8 stream the lines are parsed as bytes; the answer is the same as from text, whatever the line breaks,
    /// a byte-order mark, a blank or malformed line, a line longer than the read buffer or a last line without a break.
    /// </summary>
    [Fact]
    public void AUtf8Stream_GivesTheSameAnswerAsText()
    {
        var longNote = string.Join(' ', Enumerable.Repeat("Kunde stellt nicht bereit, weil die Firewall SMTP blockiert.", 2000));
        var input = "\uFEFF{\"id\":\"a\",\"text\":\"Customer unresponsive.\"}\r\n"
            + "\n"
            + "{\"id\":\"b\",\"text\":\"客户没有意向。\",\"tenant\":\"t1\",\"workload\":\"EXO\"}\n"
            + "{\"id\":\"c\",\"text\":\"客户没有意向。\",\"tenant\":\"t1\",\"workload\":\"SPO\"}\r\n"
            + "not json\n"
            + "{\"id\":\"d\",\"text\":\"" + longNote + "\",\"l1\":\"Blocked\"}\n"
            + "{\"id\":\"e\",\"text\":\"お客様は現時点では展開できません。\"}";

        var fromText = new StringWriter();
        JsonLinesLinter.Run(new StringReader(input.TrimStart('\uFEFF')), fromText, "de");

        var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new System.Text.UTF8Encoding(false), leaveOpen: true))
        {
            writer.Write(input);
        }

        bytes.Position = 0;
        var output = new MemoryStream();
        using (var reader = new StreamReader(bytes, new System.Text.UTF8Encoding(false)))
        using (var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true))
        {
            JsonLinesLinter.Run(reader, writer, "de");
        }

        var fromStream = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(fromText.ToString().ReplaceLineEndings("\n"), fromStream);
        Assert.Equal(7, fromStream.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
