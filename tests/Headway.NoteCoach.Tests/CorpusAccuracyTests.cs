using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Headway.NoteCoach.Tests;

/// <summary>
/// Measures the coach against the labelled corpus in <c>Corpus/*.jsonl</c>, written independently
/// of the coach. Lines sharing a <c>tenant</c> are analysed together.
/// </summary>
public class CorpusAccuracyTests(ITestOutputHelper output)
{
    private const double FieldGradeFloor = 0.82, FieldRecallFloor = 0.80;

    internal sealed record Line(string File, int Number, string Id, string Lang, string Text, string? L1, string? L2, string Grade, string[] Findings, string? SuggestedL2, string? Tenant, string? Workload);

    private sealed class Tally
    {
        public int Notes;
        public int GradeCorrect;
        public int ExpectedFindings;
        public int RecalledFindings;
        public int Suggestions;
        public int SuggestionsCorrect;
        public int LanguageCorrect;

        /// <summary>Notes whose chosen L2 is the one the text points to, and how many of them the coach says do not match.</summary>
        public int RightL2;
        public int FalseMismatch;
        public Dictionary<string, (int Expected, int Recalled)> PerCode { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Confusion { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Corpus: the labelled set the coach's data files were tuned against (thresholds of the issue).
    /// Holdout: 200 notes written later by another writer and never used for tuning; it measures how the
    /// coach does on notes it has not seen, and guards against regressions with a lower floor.
    /// Dev: 2,640 notes by twenty-six more writers with the same brief, for tuning and for training the L2 model
    /// (Dev/README.md); its floors sit a little under what it reaches. Writers' notes added untuned lower it for a
    /// while (de-e, de-f, zh-d took Chinese grade agreement from 0.933 to 0.894).
    /// Dev2: 960 notes by eight more writers (2026-12-07), for tuning the rules but not trained on (Dev2/README.md); its
    /// floors sit a little under what it reaches.
    /// Field: 480 notes by eight writers who saw neither the code nor each other's notes, half of them in the way
    /// people really type (Field/README.md); never used for tuning. Its floors are the figures it reaches, less a
    /// margin: they catch a regression, while the goals (0.95 grade agreement, 0.90 recall) are reported with the
    /// figures, not asserted, until the coach reaches them.
    /// Field2: 400 notes by four more writers, one per language, written after the last tuning had begun and never
    /// read (Field2/README.md); the same kind of floors.
    /// </summary>
    [Theory]
    [InlineData("Corpus", 0.90, 0.85)]
    [InlineData("Holdout", 0.85, 0.75)]
    [InlineData("Dev", 0.88, 0.87)]
    [InlineData("Dev2", 0.85, 0.85)]
    [InlineData("Field", FieldGradeFloor, FieldRecallFloor)]
    [InlineData("Field2", FieldGradeFloor, 0.78)]
    public void Corpus_EveryLanguage_MeetsGradeAccuracyAndFindingRecall(string set, double MinGradeAccuracy, double MinFindingRecall)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, set);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl").OrderBy(f => f, StringComparer.Ordinal).ToArray() : [];
        Assert.True(files.Length > 0, $"No corpus files (*.jsonl) in {folder}: the labelled corpus is required.");

        var lines = files.SelectMany(Load).ToList();
        Assert.NotEmpty(lines);

        var results = Analyze(lines);
        var tallies = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var misses = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var result = results[i];
            if (!tallies.TryGetValue(line.Lang, out var t))
            {
                tallies[line.Lang] = t = new Tally();
            }

            t.Notes++;
            t.LanguageCorrect += result.Language == line.Lang ? 1 : 0;
            var gradeOk = string.Equals(result.Grade.ToString(), line.Grade, StringComparison.OrdinalIgnoreCase);
            t.GradeCorrect += gradeOk ? 1 : 0;
            var key = $"{line.Grade}->{result.Grade}";
            t.Confusion[key] = t.Confusion.GetValueOrDefault(key) + 1;
            var reported = result.Findings.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
            var missed = new List<string>();
            foreach (var code in line.Findings.Distinct(StringComparer.Ordinal))
            {
                var hit = reported.Contains(code);
                t.ExpectedFindings++;
                t.RecalledFindings += hit ? 1 : 0;
                var (e, r) = t.PerCode.GetValueOrDefault(code);
                t.PerCode[code] = (e + 1, r + (hit ? 1 : 0));
                if (!hit)
                {
                    missed.Add(code);
                }
            }

            if (line.L2 is not null && line.L2 == line.SuggestedL2)
            {
                t.RightL2++;
                t.FalseMismatch += reported.Contains("L2Mismatch") ? 1 : 0;
            }

            var suggestionOk = true;
            if (line.SuggestedL2 is { } expectedL2)
            {
                t.Suggestions++;
                suggestionOk = result.Suggested?.L2 == expectedL2;
                t.SuggestionsCorrect += suggestionOk ? 1 : 0;
            }

            if (!gradeOk || missed.Count > 0 || !suggestionOk)
            {
                misses.Append(CultureInfo.InvariantCulture, $"{line.Id} [{line.L1}/{line.L2}] expected {line.Grade} got {result.Grade}");
                if (missed.Count > 0)
                {
                    misses.Append(CultureInfo.InvariantCulture, $"; missed {string.Join(",", missed)}");
                }

                misses.Append(CultureInfo.InvariantCulture, $"; reported {string.Join(",", reported)}");
                if (!suggestionOk)
                {
                    misses.Append(CultureInfo.InvariantCulture, $"; suggested {result.Suggested?.L2 ?? "-"} not {line.SuggestedL2}");
                }

                misses.Append(CultureInfo.InvariantCulture, $" :: {line.Text}\n");
            }
        }

        var report = new StringBuilder();
        var failures = new List<string>();
        foreach (var (lang, t) in tallies)
        {
            var grade = (double)t.GradeCorrect / t.Notes;
            var recall = t.ExpectedFindings == 0 ? 1 : (double)t.RecalledFindings / t.ExpectedFindings;
            var suggestion = t.Suggestions == 0 ? double.NaN : (double)t.SuggestionsCorrect / t.Suggestions;
            report.Append(CultureInfo.InvariantCulture, $"{lang}: notes {t.Notes}, grade accuracy {grade:P1} ({t.GradeCorrect}/{t.Notes}), finding recall {recall:P1} ({t.RecalledFindings}/{t.ExpectedFindings}), ");
            report.Append(CultureInfo.InvariantCulture, $"suggestion accuracy {suggestion:P1} ({t.SuggestionsCorrect}/{t.Suggestions}), language detected {t.LanguageCorrect}/{t.Notes}, ");
            report.Append(CultureInfo.InvariantCulture, $"L2Mismatch on a right L2 {t.FalseMismatch}/{t.RightL2}\n");
            report.Append("   grades (expected->got): ").AppendJoin(", ", t.Confusion.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")).Append('\n');
            report.Append("   recall per code: ").AppendJoin(", ", t.PerCode.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Recalled}/{p.Value.Expected}")).Append('\n');
            if (grade < MinGradeAccuracy)
            {
                failures.Add($"{lang}: grade accuracy {grade:P1} < {MinGradeAccuracy:P0}");
            }

            if (recall < MinFindingRecall)
            {
                failures.Add($"{lang}: finding recall {recall:P1} < {MinFindingRecall:P0}");
            }
        }

        output.WriteLine(report.ToString());
        output.WriteLine("Disagreements:");
        output.WriteLine(misses.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, set.ToLowerInvariant() + "-report.txt"), report + "\nDisagreements:\n" + misses);
        Assert.True(failures.Count == 0, string.Join("; ", failures) + "\n" + report);
    }

    internal static List<CoachResult> Analyze(List<Line> lines)
    {
        var results = new CoachResult[lines.Count];
        foreach (var group in lines.Select((line, index) => (line, index)).GroupBy(p => p.line.Tenant ?? $"\0{p.index}", StringComparer.Ordinal))
        {
            var members = group.ToList();
            var inputs = members.Select(p => new NoteInput(p.line.Text, p.line.L1, p.line.L2, null, p.line.Workload)).ToList();
            var analysed = members.Count == 1 || members[0].line.Tenant is null
                ? inputs.Select(Coach.Default.Analyze).ToList()
                : Coach.Default.AnalyzeTenant(inputs).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                results[members[i].index] = analysed[i];
            }
        }

        return [.. results];
    }

    internal static IEnumerable<Line> Load(string file)
    {
        var number = 0;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            JsonElement root;
            try
            {
                root = JsonDocument.Parse(raw).RootElement;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{Path.GetFileName(file)}:{number}: {e.Message}", e);
            }

            string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var findings = root.TryGetProperty("findings", out var fs) && fs.ValueKind == JsonValueKind.Array
                ? fs.EnumerateArray().Select(f => f.GetString()!).ToArray()
                : [];
            var lang = Str("lang") ?? Path.GetFileNameWithoutExtension(file);
            yield return new Line(
                Path.GetFileName(file), number, Str("id") ?? $"{Path.GetFileName(file)}:{number}", lang, Str("text") ?? "",
                NullIfEmpty(Str("l1")), NullIfEmpty(Str("l2")), Str("grade") ?? "", findings, NullIfEmpty(Str("suggestedL2")), NullIfEmpty(Str("tenant")), NullIfEmpty(Str("workload")));
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
