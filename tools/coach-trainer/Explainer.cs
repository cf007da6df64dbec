using System.Globalization;
using System.Text;
using Headway.NoteCoach;
using Headway.NoteCoach.Analysis;

namespace Headway.CoachTrainer;

/// <summary>
/// What the coach read in one note, for whoever extends the vocabulary: each phrase found with its tags and L2 cues,
/// the counts the rules weigh, the grade and the findings.
/// </summary>
internal static class Explainer
{
    public static string Explain(Coach coach, NoteInput input)
    {
        var result = coach.Analyze(input);
        var features = NoteFeatures.Rent();
        try
        {
            features.Compute(input.Text ?? "", coach.Profiles[result.Language]);
            var s = new StringBuilder();
            s.Append(CultureInfo.InvariantCulture, $"{result.Grade} ({result.Language}) :: {input.Text}\n");
            foreach (var m in features.Matches)
            {
                var cues = string.Join(" ", m.Entry.Cues.Select(c => string.Create(CultureInfo.InvariantCulture, $"{Taxonomy.L2Codes[c.L2]}={c.Weight}")));
                s.Append(CultureInfo.InvariantCulture, $"  {(m.Nested ? "  (nested) " : "")}\"{features.SourceText(m)}\" [{m.ExtraTags}] {cues}\n");
            }

            s.Append(CultureInfo.InvariantCulture, $"  content words {features.ContentWords:F2}, specific cues {features.SpecificCues}, phase cues {features.PhaseCues}, restated cues {features.RestatedCues}, numbers {features.Numbers.Count}\n");
            s.Append(CultureInfo.InvariantCulture, $"  suggested {result.Suggested?.L2 ?? "-"}\n");
            foreach (var f in result.Findings)
            {
                s.Append(CultureInfo.InvariantCulture, $"  {f.Code} ({f.Severity}) \"{f.Quote}\"\n");
            }

            return s.ToString();
        }
        finally
        {
            NoteFeatures.Return(features);
        }
    }
}
