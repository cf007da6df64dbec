using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Headway.NoteCoach.Tests;

/// <summary>
/// How far people agree on a grade, beside how far the coach agrees with them. Every note of the held-out sets
/// <c>Field</c> and <c>Field2</c> was graded a second time by a reader who saw neither the writer's label nor the
/// coach (SecondReader/README.md). The coach is measured against the writer on all notes, and on the notes where
/// writer and reader agree, where a disagreement is the coach's alone.
/// </summary>
public class SecondReaderTests(ITestOutputHelper output)
{
    /// <summary>The lowest agreement with the notes both people grade alike, less a margin: a regression guard.</summary>
    private const double ConsensusFloor = 0.90;

    private static readonly string[] Grades = ["Good", "Insufficient", "Poor"];

    private sealed record Reading(string Id, string Grade);

    [Fact]
    public void HeldOutSets_SecondReading_CoversEveryNote_AndCoachAgreesWhereReadersAgree()
    {
        var readings = LoadReadings();
        var report = new StringBuilder();
        var failures = new List<string>();
        foreach (var set in new[] { "Field", "Field2" })
        {
            var lines = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, set), "*.jsonl")
                .OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(CorpusAccuracyTests.Load)
                .ToList();
            var results = CorpusAccuracyTests.Analyze(lines);
            foreach (var lang in lines.Select(l => l.Lang).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                int notes = 0, people = 0, coachWriter = 0, coachReader = 0, consensus = 0, coachConsensus = 0;
                for (var i = 0; i < lines.Count; i++)
                {
                    var line = lines[i];
                    if (line.Lang != lang)
                    {
                        continue;
                    }

                    if (!readings.Remove(line.Id, out var reading))
                    {
                        failures.Add($"{line.Id}: no second reading");
                        continue;
                    }

                    var coach = results[i].Grade.ToString();
                    notes++;
                    people += reading.Grade == line.Grade ? 1 : 0;
                    coachWriter += coach == line.Grade ? 1 : 0;
                    coachReader += coach == reading.Grade ? 1 : 0;
                    if (reading.Grade == line.Grade)
                    {
                        consensus++;
                        coachConsensus += coach == line.Grade ? 1 : 0;
                    }
                }

                var onConsensus = consensus == 0 ? 0 : (double)coachConsensus / consensus;
                report.Append(CultureInfo.InvariantCulture,
                    $"{set} {lang}: notes {notes}, writer and reader agree {Ratio(people, notes)}, coach and writer {Ratio(coachWriter, notes)}, ");
                report.Append(CultureInfo.InvariantCulture,
                    $"coach and reader {Ratio(coachReader, notes)}, coach on the notes both people grade alike {Ratio(coachConsensus, consensus)}\n");
                if (onConsensus < ConsensusFloor)
                {
                    failures.Add($"{set} {lang}: coach on the agreed notes {onConsensus:P1} < {ConsensusFloor:P0}");
                }
            }
        }

        failures.AddRange(readings.Keys.Order(StringComparer.Ordinal).Select(id => $"{id}: a second reading of no held-out note"));
        output.WriteLine(report.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "second-reader-report.txt"), report.ToString());
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + report);
    }

    private static string Ratio(int part, int whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{(whole == 0 ? 0 : (double)part / whole):0.000} ({part}/{whole})");

    /// <summary>The readings, in the labelled sets' format (id, grade, findings, suggested L2; no text).</summary>
    private static Dictionary<string, Reading> LoadReadings()
    {
        var readings = new Dictionary<string, Reading>(StringComparer.Ordinal);
        foreach (var line in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "SecondReader"), "*.jsonl").SelectMany(CorpusAccuracyTests.Load))
        {
            Assert.True(Grades.Contains(line.Grade, StringComparer.Ordinal), $"{line.File}:{line.Number}: unknown grade '{line.Grade}'");
            Assert.True(readings.TryAdd(line.Id, new Reading(line.Id, line.Grade)), $"{line.File}:{line.Number}: {line.Id} read twice");
        }

        Assert.NotEmpty(readings);
        return readings;
    }
}
