using System.Text.Json;
using Headway.Testing;

namespace Headway.Cli.Tests;

public class LintCommandTests
{
    [Fact]
    public async Task Lint_JsonLinesOnStdin_WritesOneLineEachInOrderAndReportsMalformedLines()
    {
        var input = string.Join('\n',
            """{"id":"a","text":"Customer has no intent.","l1":"NoIntent","l2":"ExecutiveSponsorship"}""",
            """{"id":"b","text": """,
            """{"id":"c","text":"顧客は 3 回の連絡に応答していません。管理対象の顧客です。","l1":"StatusUnknown","l2":"CustomerUnresponsive"}""",
            """{"id":"d","text":"Der Kunde kann wegen einer Firewall nicht migrieren.","lang":"de"}""") + "\n";

        var run = await CliProcess.RunAsync(Path.GetTempPath(), input, "lint", "--ui-lang", "ja");

        Assert.Equal(0, run.ExitCode);
        var lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Equal(("a", "Poor"), (lines[0].GetProperty("id").GetString(), lines[0].GetProperty("grade").GetString()));
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.False(string.IsNullOrEmpty(lines[1].GetProperty("error").GetString()));
        Assert.Equal(("c", "ja"), (lines[2].GetProperty("id").GetString(), lines[2].GetProperty("lang").GetString()));
        Assert.Equal(("d", "de"), (lines[3].GetProperty("id").GetString(), lines[3].GetProperty("lang").GetString()));
        var message = lines[0].GetProperty("findings")[0].GetProperty("message").GetString()!;
        Assert.Contains(message, m => m is >= '\u3040' and <= '\u30ff' || m is >= '\u4e00' and <= '\u9fff');
    }

    [Fact]
    public async Task Lint_Text_PrintsAReadableReport()
    {
        var run = await CliProcess.RunAsync(Path.GetTempPath(), null, "lint", "--text", "Customer unresponsive.", "--l1", "StatusUnknown", "--l2", "CustomerUnresponsive");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Poor", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("UnresponsiveMissingAttemptCount", run.StdOut, StringComparison.Ordinal);
    }
}
