using System.Text;
using BenchmarkDotNet.Attributes;
using Headway.NoteCoach;

namespace Headway.Benchmarks.NoteCoach;

/// <summary>
/// Typical one- or two-sentence status notes per language. Targets (issue 3): median ≤ 20 µs and
/// ≤ 4 KB allocated per note.
/// </summary>
[MemoryDiagnoser]
public class NoteCoachBenchmarks
{
    private static readonly Dictionary<string, NoteInput[]> Notes = new()
    {
        ["en"] =
        [
            new("Customer will not deploy Exchange Online because their firewall drops the long-lived connections Outlook needs, so mailboxes keep disconnecting.", "Blocked", "CustomerItInfrastructureRemediation"),
            new("No response to 3 contact attempts by email and phone. Managed account.", "StatusUnknown", "CustomerUnresponsive"),
            new("Customer is progressing with deployment; they are in the pilot phase with 50 users in finance.", "InProgress", "TechnicalOnboardingDeployment"),
            new("Customer can't deploy at this time.", "Blocked"),
        ],
        ["de"] =
        [
            new("Kunde stellt nicht bereit, da die Firewall den Datenverkehr nicht weiterleitet und Outlook keine Verbindung zu den Postfächern herstellen kann.", "Blocked", "CustomerItInfrastructureRemediation"),
            new("Kunde antwortet nicht auf 3 Kontaktversuche per E-Mail und Telefon. Verwaltetes Konto.", "StatusUnknown", "CustomerUnresponsive"),
            new("Keine Absicht, da der Kunde z. B. für Chat und Meetings auf Slack und Zoom standardisiert hat.", "NoIntent", "UsingCompetitiveSolution"),
            new("Kunde kann zurzeit nicht bereitstellen.", "Blocked"),
        ],
        ["zh"] =
        [
            new("由于防火墙无法正确转发流量，Outlook 无法连接到邮箱，客户无法部署。", "Blocked", "CustomerItInfrastructureRemediation"),
            new("3 次尝试联系客户都无反应。客户已托管。", "StatusUnknown", "CustomerUnresponsive"),
            new("客户没有意向使用 Teams，因为全公司已经标准化使用钉钉。", "NoIntent", "UsingCompetitiveSolution"),
            new("客户暂时无法部署。", "Blocked"),
        ],
        ["ja"] =
        [
            new("ファイアウォールがトラフィックを転送せず、Outlook がメールボックスに接続できないため、展開できません。", "Blocked", "CustomerItInfrastructureRemediation"),
            new("3 回連絡を試みても返信がありません。管理対象のお客様です。", "StatusUnknown", "CustomerUnresponsive"),
            new("お客様はパイロット段階にあり、経理部の 40 名で検証しています。", "InProgress", "TechnicalOnboardingDeployment"),
            new("お客様は現在展開できません。", "Blocked"),
        ],
    };

    private readonly Coach _coach = Coach.Default;
    private NoteInput[] _notes = [];
    private string _jsonLines = "";

    /// <summary>The note language.</summary>
    [Params("en", "de", "zh", "ja")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        _notes = Notes[Language];
        var sb = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            var n = _notes[i % _notes.Length];
            sb.Append("{\"id\":\"").Append(i).Append("\",\"text\":\"").Append(n.Text.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\",\"l1\":\"").Append(n.L1).AppendLine("\"}");
        }

        _jsonLines = sb.ToString();
        _coach.Analyze(_notes[0]);
    }

    /// <summary>One typical note (the four samples in turn).</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    public Grade Analyze()
    {
        var g = Grade.Good;
        foreach (var n in _notes)
        {
            g = _coach.Analyze(n).Grade;
        }

        return g;
    }

    /// <summary>The JSON Lines contract over 1,000 notes (parse, analyse, render, write).</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public int LintJsonLines()
    {
        var output = new StringWriter();
        JsonLinesLinter.Run(new StringReader(_jsonLines), output, "en");
        return output.GetStringBuilder().Length;
    }
}
