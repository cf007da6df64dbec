using System.Text;
using BenchmarkDotNet.Attributes;
using Headway.NoteCoach;
using Headway.NoteCoach.Analysis;
using Headway.NoteCoach.Languages;

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
    private readonly Coach _cuesOnly = new(LanguageProfileLoader.LoadAll(typeof(Coach).Assembly, Taxonomy.Data, out var workloads), workloads, l2Model: null);
    private readonly L2Model _model = L2Model.LoadEmbedded(typeof(Coach).Assembly)!;
    private readonly float[] _probabilities = new float[Taxonomy.L2Codes.Length + 1];
    private string[] _normalized = [];
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
        _normalized = [.. _notes.Select(n => n.Text.ToLowerInvariant())];
        _coach.Analyze(_notes[0]);
    }

    /// <summary>One typical note (the four samples in turn).</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    public Grade Analyze() => AnalyzeAll(_coach);

    /// <summary>The same notes graded by the cues alone, without the learned L2 model: the model's cost is the difference.</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    public Grade AnalyzeCuesOnly() => AnalyzeAll(_cuesOnly);

    /// <summary>The learned L2 model alone on the same notes (features, weights, probabilities).</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    public float L2ModelPredict()
    {
        var p = 0f;
        foreach (var text in _normalized)
        {
            _model.Predict(text, _probabilities);
            p += _probabilities[0];
        }

        return p;
    }

    private Grade AnalyzeAll(Coach coach)
    {
        var g = Grade.Good;
        foreach (var n in _notes)
        {
            g = coach.Analyze(n).Grade;
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
