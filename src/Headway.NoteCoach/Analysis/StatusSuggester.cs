using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Analysis;

/// <summary>
/// Scores each L1 and L2 from the note's phrases. L2 scores are the weighted cue lexicons of
/// the data files; L1 scores add the status statements ("no intent", "blocked", "in progress").
/// The learned model's probabilities (<see cref="L2Model"/>) are added to the L2 scores, for the languages it was
/// trained on. A given L1 is a prior, never a constraint: the text can point elsewhere.
/// </summary>
internal static class StatusSuggester
{
    private const double StatementWeight = 3;
    private const double AmbiguousStatementWeight = 1;
    private const double GivenL1Prior = 1.5;

    public readonly record struct Scores(int L1, int L2, double Confidence, double BestL2Score);

    public static Scores Suggest(NoteFeatures f, int givenL1, Span<double> l2Scores, Span<double> l2Probabilities, L2Model? model)
    {
        var l1OfL2 = Taxonomy.L1OfL2;
        Span<double> l1 = stackalloc double[Taxonomy.L1Codes.Length];
        l1[0] = StatementWeight * (f.Count(Tag.Unresponsive) + f.Count(Tag.UnknownIntent));
        l1[1] = StatementWeight * f.Count(Tag.Progress);
        l1[2] = StatementWeight * f.Count(Tag.NoIntent) + AmbiguousStatementWeight * f.Count(Tag.WontDeploy);
        l1[3] = StatementWeight * f.Count(Tag.Blocked) + AmbiguousStatementWeight * f.Count(Tag.WontDeploy);
        l1[4] = (StatementWeight + 1) * f.Count(Tag.Duplicate);

        for (var i = 0; i < l2Scores.Length; i++)
        {
            l2Scores[i] = f.CueScore[i];
        }

        if (model is not null && model.Covers(f.Profile.Code))
        {
            model.AddTo(f.Normalized.AsSpan(0, f.NormalizedLength), l2Scores, l2Probabilities);
        }
        else
        {
            l2Probabilities.Fill(double.NaN);
        }

        // Unresponsive statements are the cue of CustomerUnresponsive.
        l2Scores[Taxonomy.CustomerUnresponsiveIndex] += StatementWeight * f.Count(Tag.Unresponsive);

        Span<double> totals = stackalloc double[l1.Length];
        for (var k = 0; k < l1.Length; k++)
        {
            var best = 0.0;
            for (var i = 0; i < l2Scores.Length; i++)
            {
                if (l1OfL2[i] == k && l2Scores[i] > best)
                {
                    best = l2Scores[i];
                }
            }

            totals[k] = l1[k] + best + (k == givenL1 ? GivenL1Prior : 0);
        }

        var bestL1 = -1;
        double bestTotal = 0, secondTotal = 0;
        for (var k = 0; k < totals.Length; k++)
        {
            if (totals[k] > bestTotal)
            {
                secondTotal = bestTotal;
                bestTotal = totals[k];
                bestL1 = k;
            }
            else if (totals[k] > secondTotal)
            {
                secondTotal = totals[k];
            }
        }

        if (bestL1 < 0 || bestTotal - (bestL1 == givenL1 ? GivenL1Prior : 0) <= 0)
        {
            return new Scores(-1, -1, 0, 0);
        }

        var bestL2 = -1;
        double bestL2Score = 0, secondL2Score = 0;
        for (var i = 0; i < l2Scores.Length; i++)
        {
            var s = l2Scores[i];
            if (l1OfL2[i] == bestL1 && s > bestL2Score)
            {
                if (bestL2 >= 0)
                {
                    secondL2Score = Math.Max(secondL2Score, bestL2Score);
                }

                bestL2Score = s;
                bestL2 = i;
            }
            else if (s > secondL2Score)
            {
                secondL2Score = s;
            }
        }

        if (bestL2Score < f.Profile.MinSuggestionScore)
        {
            bestL2 = -1;
        }

        var confidence = bestL2 >= 0
            ? bestL2Score / (bestL2Score + secondL2Score + 1.5)
            : 0.5 * bestTotal / (bestTotal + secondTotal + 1.5);
        return new Scores(bestL1, bestL2, Math.Round(Math.Clamp(confidence, 0, 1), 2), bestL2Score);
    }
}
