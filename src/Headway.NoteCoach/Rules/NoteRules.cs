using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Rules;

/// <summary>A check with a stable code. Rules run in order; each reads the shared features.</summary>
internal interface INoteRule
{
    void Apply(RuleContext context);
}

/// <summary>Finding codes, stable across releases (they are stored and reported).</summary>
internal static class Codes
{
    public const string EmptyNote = nameof(EmptyNote);
    public const string MissingReason = nameof(MissingReason);
    public const string VagueReason = nameof(VagueReason);
    public const string MissingDetail = nameof(MissingDetail);
    public const string VagueTimeWord = nameof(VagueTimeWord);
    public const string TooLong = nameof(TooLong);
    public const string StatusOnly = nameof(StatusOnly);
    public const string UsageOnly = nameof(UsageOnly);
    public const string UnresponsiveMissingAttemptCount = nameof(UnresponsiveMissingAttemptCount);
    public const string UnresponsiveMissingAccountType = nameof(UnresponsiveMissingAccountType);
    public const string EngagementLogistics = nameof(EngagementLogistics);
    public const string DeclinedAssistanceNotNoIntent = nameof(DeclinedAssistanceNotNoIntent);
    public const string CovidTagOnPause = nameof(CovidTagOnPause);
    public const string L2Mismatch = nameof(L2Mismatch);
    public const string PastedAcrossWorkloads = nameof(PastedAcrossWorkloads);
    public const string UnfilledPlaceholder = nameof(UnfilledPlaceholder);
}

/// <summary>Helpers shared by the rules.</summary>
internal static class RuleFacts
{
    private static readonly System.Buffers.SearchValues<char> Terminators = System.Buffers.SearchValues.Create(".。!?！？;；");

    /// <summary>Phrases that state intent, status or a block.</summary>
    public const Tag Statements = Tag.NoIntent | Tag.Blocked | Tag.WontDeploy | Tag.Progress | Tag.UnknownIntent | Tag.Status | Tag.Intent | Tag.Unresponsive | Tag.Duplicate;

    public static bool HasAny(RuleContext c, Tag tags)
    {
        var t = (ulong)tags;
        while (t != 0)
        {
            var bit = t & (~t + 1);
            if (c.Features.Has((Tag)bit))
            {
                return true;
            }

            t &= t - 1;
        }

        return false;
    }

    /// <summary>The note names a concrete cause or carries enough unexplained content to be one.</summary>
    public static bool HasSpecificReason(RuleContext c) =>
        IsSpecific(c.Features, c.Features.SpecificCues, c.Features.ContentWords + c.Features.Numbers.Count);

    /// <summary>True when a phrase with the tag occurs on its own, not inside a longer phrase.</summary>
    public static bool HasTopLevel(Analysis.NoteFeatures f, Tag tag)
    {
        foreach (var m in f.Matches)
        {
            if (!m.Nested && (m.ExtraTags & tag) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A reason is specific when it names a concrete cause and says something about it: strong cues
    /// plus unexplained content words (scaled) reach the language's threshold. One cue word alone
    /// ("blocked by the proxy") names the area of the cause, not the cause.
    /// </summary>
    public static bool IsSpecific(Analysis.NoteFeatures f, int cues, double contentWords) =>
        cues + (contentWords / f.Profile.SpecificContentWords) >= f.Profile.SpecificDetail;

    public static bool IsUnresponsiveNote(RuleContext c)
    {
        if (c.GivenL2 == Taxonomy.CustomerUnresponsiveIndex)
        {
            // A note that says nothing of contact and points to another L2 ("客户回复了，全公司用钉钉，Teams不考虑") is
            // about that L2: the chosen L2 is what is wrong, not the note.
            var f = c.Features;
            return f.Has(Tag.Unresponsive) || f.Has(Tag.Attempt) || f.Has(Tag.Managed) || c.SuggestedL2 < 0
                || c.SuggestedL2 == Taxonomy.CustomerUnresponsiveIndex;
        }

        return c.Features.Has(Tag.Unresponsive) && (c.PolicyL1 < 0 || c.PolicyIs(Taxonomy.StatusUnknown));
    }

    /// <summary>A number followed (or, tightly, preceded) by an attempt unit: "3 contact attempts", "3 次", "dreimal".</summary>
    public static bool HasAttemptCount(RuleContext c) => AttemptCount(c.Features) is not null;

    /// <summary>The number of contact attempts the note states ("3 contact attempts", "三次", "dreimal"), if any.</summary>
    public static int? AttemptCount(Analysis.NoteFeatures f)
    {
        foreach (var m in f.Matches)
        {
            if (!m.Nested && (m.ExtraTags & Tag.Number) != 0 && (m.ExtraTags & Tag.AttemptUnit) != 0)
            {
                return m.Entry.Number;
            }
        }

        var norm = f.Normalized.AsSpan(0, f.NormalizedLength);
        foreach (var m in f.Matches)
        {
            // Number words in CJK text ("三次") must touch their unit; "一直" is no count.
            if (!m.Nested && (m.ExtraTags & Tag.Number) != 0 && UnitNear(f, norm, m.Start, m.End, f.Profile.WordBased ? 16 : 1))
            {
                return m.Entry.Number;
            }
        }

        foreach (var (s, e) in f.Numbers)
        {
            if (UnitNear(f, norm, s, e, 16))
            {
                // The whole number before any decimal or thousands mark; a figure too long to be a count is none.
                var digits = norm[s..e];
                var mark = digits.IndexOfAny('.', ',');
                return int.TryParse(mark < 0 ? digits : digits[..mark], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
            }
        }

        // "3x angeschrieben", "2× Mail an die IT": a figure with a times sign glued to it, next to a word for contacting,
        // counts the attempts; "2x 10 GBit" counts links.
        foreach (var (s, e) in f.Numbers)
        {
            if (e + 1 < norm.Length && norm[e] is 'x' or '×' && norm[e + 1] == ' ' && !(e + 2 < norm.Length && char.IsDigit(norm[e + 2]))
                && AttemptWordNear(f, norm, s, e + 1))
            {
                return Count(norm[s..e]);
            }
        }

        return null;
    }

    private static int? Count(ReadOnlySpan<char> digits)
    {
        var mark = digits.IndexOfAny('.', ',');
        return mark < 0 && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>A word for contacting within a few words of [start, end), in the same clause.</summary>
    private static bool AttemptWordNear(Analysis.NoteFeatures f, ReadOnlySpan<char> norm, int start, int end)
    {
        const int Window = 24;
        foreach (var m in f.Matches)
        {
            if (m.Nested || (m.ExtraTags & Tag.Attempt) == 0)
            {
                continue;
            }

            var (from, to) = m.Start >= end ? (end, m.Start) : m.End <= start ? (m.End, start) : (start, start);
            if (to - from <= Window && !norm[from..to].ContainsAny(ClauseEnds))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ends of a clause, without the full stop: "3x Kd. angeschrieben" abbreviates.</summary>
    private static readonly System.Buffers.SearchValues<char> ClauseEnds = System.Buffers.SearchValues.Create("。!?！？;；");

    private static bool UnitNear(Analysis.NoteFeatures f, ReadOnlySpan<char> norm, int start, int end, int After)
    {
        const int Before = 6;
        var matches = f.Matches;

        // Matches are ordered by start: search the window's first candidate, then scan it.
        const int LongestPhrase = 64;
        int lo = 0, hi = matches.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (matches[mid].Start < start - Before - LongestPhrase)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var k = lo; k < matches.Count && matches[k].Start <= end + After; k++)
        {
            var m = matches[k];
            if (m.Nested)
            {
                continue;
            }

            if ((m.ExtraTags & (Tag.AttemptUnit | Tag.Attempt)) == 0)
            {
                continue;
            }

            if ((m.ExtraTags & Tag.AttemptUnit) != 0 && m.Start >= end && m.Start - end <= After && !norm[end..m.Start].ContainsAny(Terminators))
            {
                return true;
            }

            if (m.End <= start && start - m.End <= Before && !norm[m.End..start].ContainsAny(Terminators))
            {
                return true;
            }
        }

        return false;
    }
}
