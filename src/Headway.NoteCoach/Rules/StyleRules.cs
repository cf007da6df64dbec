using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Rules;

/// <summary>VagueTimeWord: "currently", "at this time", "暂时", "zurzeit", "まだ" blur intent; a warning only.</summary>
internal sealed class VagueTimeWordRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        var f = c.Features;
        if (!f.Has(Tag.VagueTime))
        {
            return;
        }

        foreach (var m in f.Matches)
        {
            if ((m.ExtraTags & Tag.VagueTime) != 0)
            {
                c.Add(Codes.VagueTimeWord, Severity.Warning, Grade.Good, m.Start, m.End, "RemoveWord", [f.SourceText(m)]);
            }
        }
    }
}

/// <summary>TooLong: more sentences or characters than the language's thresholds, or chatter spread over several sentences.</summary>
internal sealed class TooLongRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        var f = c.Features;
        var p = f.Profile;
        if (f.IsEmpty)
        {
            return;
        }

        var tooLong = f.Sentences > p.ToleratedSentences
            || f.TextElements > p.MaxTextElements
            || (f.Sentences > p.MaxSentences && f.TextElements > p.MaxTextElementsForTolerated)
            || (f.Count(Tag.Chatter) >= 2 && f.Sentences >= p.ChatterSentences);
        if (tooLong)
        {
            c.AddWhole(
                Codes.TooLong,
                Severity.Warning,
                Grade.Insufficient,
                "ShortenToTwoSentences",
                [f.Sentences.ToString(System.Globalization.CultureInfo.InvariantCulture), f.TextElements.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }
}

/// <summary>
/// CovidTagOnPause: #covid marks accelerated deployments, never a pause or stop. The guidance forbids the tag there
/// (the status is updated instead), and a wrong tag puts the note into the #covid tracker, so the note is Insufficient
/// until the tag is removed.
/// </summary>
internal sealed class CovidTagOnPauseRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        var f = c.Features;
        if (f.Has(Tag.Covid) && f.Has(Tag.Pause))
        {
            c.Add(Codes.CovidTagOnPause, Severity.Warning, Grade.Insufficient, f.First(Tag.Covid), "RemoveCovidTag");
        }
    }
}

/// <summary>
/// L2Mismatch: the chosen L2 gets little support while the text clearly points to another, and the learned model does
/// not find the chosen one plausible either.
/// </summary>
internal sealed class L2MismatchRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        var f = c.Features;
        // An unresponsive customer filed under another L2 ("no answer to 3 emails" as a new subscription) is a mismatch
        // too; the unresponsive L2 itself is left alone whatever else its note mentions, as long as the note speaks of
        // contact at all (see RuleFacts.IsUnresponsiveNote). A note under it that does not is judged on its words alone:
        // the learned model's sense that the L2 is plausible does not silence that.
        var filedAsUnresponsive = c.GivenL2 == Taxonomy.CustomerUnresponsiveIndex;
        var aboutContact = filedAsUnresponsive && RuleFacts.IsUnresponsiveNote(c);
        if (c.GivenL2 < 0 || c.SuggestedL2 < 0 || c.SuggestedL2 == c.GivenL2 || f.IsEmpty || aboutContact
            || (c.GivenL2Plausible && !filedAsUnresponsive))
        {
            return;
        }

        var suggested = c.L2Scores[c.SuggestedL2];
        var given = c.L2Scores[c.GivenL2];
        if (suggested - given < f.Profile.MismatchMargin || given > 0.5 * suggested)
        {
            return;
        }

        var at = f.CueMatch[c.SuggestedL2];
        var code = Taxonomy.L2Codes[c.SuggestedL2];
        if (at >= 0)
        {
            var m = f.Matches[at];
            c.Add(Codes.L2Mismatch, Severity.Warning, Grade.Good, m.Start, m.End, "ChangeL2", [code, Taxonomy.L2Codes[c.GivenL2]]);
        }
        else
        {
            c.AddWhole(Codes.L2Mismatch, Severity.Warning, Grade.Good, "ChangeL2", [code, Taxonomy.L2Codes[c.GivenL2]]);
        }
    }
}
