using Headway.NoteCoach.Languages;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Rules;

/// <summary>EmptyNote: blank, whitespace or punctuation only.</summary>
internal sealed class EmptyNoteRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        if (SaysNothing(c.Features))
        {
            // "tbd", "n/a", "同上", "特になし": words, but no intent, status or reason at all.
            c.AddWhole(Codes.MissingReason, Severity.Error, Grade.Poor, "AddReason");
            c.SubstanceJudged = true;
            return;
        }

        if (c.Features.IsEmpty)
        {
            // A note of placeholders only is a template left as it is, which its own findings say.
            if (c.Features.Placeholders.Count == 0)
            {
                c.Add(Codes.EmptyNote, Severity.Error, Grade.Poor, 0, 0, "UseTemplate");
            }

            c.SubstanceJudged = true;
        }
    }

    /// <summary>Only filler words ("tbd", "n/a", "see above") among stop words and punctuation.</summary>
    private static bool SaysNothing(Analysis.NoteFeatures f)
    {
        if (f.IsEmpty || !f.Has(Tag.Filler) || f.ContentWords >= 1 || f.Numbers.Count > 0)
        {
            return false;
        }

        foreach (var m in f.Matches)
        {
            // A status word makes it a restated status ("In progress – see overall notes"), which StatusOnly judges; a
            // filler that also marks a condition ("待定", to be decided) still says nothing.
            var tags = (m.ExtraTags & Tag.Filler) != 0 ? m.ExtraTags & ~Tag.Until : m.ExtraTags;
            if (!m.Nested && (tags & ~(Tag.Filler | Tag.Stop)) != 0)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// UnfilledPlaceholder: a template's placeholder left in the note ("[primary issue]", "【详细信息】", "［詳細］",
/// "&lt;details&gt;", full width "＜詳細＞"). The note is poor whatever else it says, since the sentence around it is the template's, not the
/// writer's; each placeholder is its own finding, so the editor can select it to be typed over. A bracket that holds
/// only digits (a footnote, "[1]") or starts with no letter (a comparison, "&lt;10 ms, &gt;50"), an address ("&lt;name@example.com&gt;", "&lt;https://…&gt;"), a line break, or a
/// label that opens a line is no placeholder.
/// </summary>
internal sealed class UnfilledPlaceholderRule : INoteRule
{
    /// <summary>The longest placeholder: the templates' longest is 41 characters ("[warum die Lizenzen doppelt gezählt werden]").</summary>
    private const int MaxLength = 60;

    private static readonly (char Open, char Close)[] Brackets = [('[', ']'), ('【', '】'), ('［', '］'), ('<', '>'), ('＜', '＞'), ('〔', '〕')];

    private static readonly System.Buffers.SearchValues<char> Openers = System.Buffers.SearchValues.Create("[【［<＜〔");

    public void Apply(RuleContext c)
    {
        // The rest of the note is judged as if the placeholders were blank (NoteFeatures reads it so): a template
        // left as it is also misses its reason, an unresponsive one its count and account type.
        foreach (var (start, length) in c.Features.Placeholders)
        {
            c.AddSource(Codes.UnfilledPlaceholder, Severity.Error, Grade.Poor, start, length, "FillPlaceholder", [c.Features.Text.Substring(start, length)]);
        }
    }

    /// <summary>The template placeholders in a text ("[primary issue]", "【详情】"), as (start, length) with their brackets.</summary>
    public static void Find(string text, List<(int Start, int Length)> found)
    {
        if (text.AsSpan().IndexOfAny(Openers) < 0)
        {
            return;
        }

        var lastLabel = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var close = CloseOf(text[i]);
            if (close == '\0')
            {
                continue;
            }

            var end = text.IndexOf(close, i + 1);
            if (end < 0 || end - i - 1 is < 1 or > MaxLength || !IsPlaceholder(text.AsSpan(i + 1, end - i - 1)))
            {
                continue;
            }

            if (IsLabel(text, i, end, lastLabel))
            {
                lastLabel = i;
                i = end;
                continue;
            }

            found.Add((i, end - i + 1));
            i = end;
        }
    }

    /// <summary>
    /// A bracket that opens a line or a sentence and runs straight into the text, or into a colon, is a heading people
    /// put on a note ("【进展】客户已完成试点", "［状況］：移行済み"); after one, a bracket of the same kind that runs into the
    /// text after a few words of content is the next heading ("【现状】受阻【原因】许可证问题【下一步】与采购沟通"). A
    /// template's placeholder can open a note too ("[主な問題] と [詳細] のため…"), but is followed by a space, as the
    /// templates write them; a choice ("［管理/非管理］") or a single letter ("［N］回") is never a heading.
    /// </summary>
    private static bool IsLabel(string text, int open, int close, int lastLabel)
    {
        var inside = text.AsSpan(open + 1, close - open - 1);
        if (inside.IndexOfAny('/', '／') >= 0 || inside.Trim().Length < 2)
        {
            return false;
        }

        if (lastLabel >= 0)
        {
            // The content since the last heading: at least two letters ("【现状】受阻【原因】"), not one particle ("【名称】于【日期】").
            var lastClose = text.IndexOf(CloseOf(text[lastLabel]), lastLabel + 1);
            var letters = 0;
            foreach (var ch in text.AsSpan(lastClose + 1, open - lastClose - 1))
            {
                letters += char.IsLetterOrDigit(ch) ? 1 : 0;
            }

            if (text[open] != text[lastLabel] || letters < 2)
            {
                return false;
            }
        }

        for (var k = open - 1; k >= 0 && lastLabel < 0; k--)
        {
            if (text[k] is '\n' or '\r' or '。' or '；' or ';' or '！' or '？')
            {
                break;
            }

            if (!char.IsWhiteSpace(text[k]))
            {
                return false;
            }
        }

        // A particle straight after the bracket ("[パートナー名]との契約", "[客户名]的") continues the sentence: a placeholder.
        // Sentence punctuation straight after it ("[详细信息]。") ends a sentence the template left blank: a placeholder.
        if (close + 1 >= text.Length)
        {
            return false;
        }

        var next = text[close + 1];
        return next is ':' or '：'
            ? text.AsSpan(close + 2).Trim().Length > 0
            : (char.IsLetterOrDigit(next) || next is '《' or '「' or '『' or '“' or '"' or '(' or '（') && next is not ('と' or 'の' or 'が' or 'を' or 'に' or 'で' or 'は' or 'も' or 'へ' or 'や' or '的');
    }

    private static char CloseOf(char open)
    {
        foreach (var (o, cl) in Brackets)
        {
            if (o == open)
            {
                return cl;
            }
        }

        return '\0';
    }

    private static bool IsPlaceholder(ReadOnlySpan<char> inside)
    {
        // "[Managed/Unmanaged]" is one; "<https://…>" and "<it@example.com>" are not, nor a comparison ("＜10 ms … ＞")
        // since every template's placeholder starts with a word.
        if (inside.Contains("://", StringComparison.Ordinal) || !char.IsLetter(inside[0]))
        {
            return false;
        }

        var letters = 0;
        foreach (var ch in inside)
        {
            if (ch is '\n' or '\r' or '@' or '\\' or '=' or '<' or '>' or '[' or ']')
            {
                return false;
            }

            letters += char.IsLetter(ch) ? 1 : 0;
        }

        return letters > 0;
    }
}

/// <summary>
/// Unresponsive customers: the note must give the number of contact attempts and whether the
/// account is managed. A bare "unresponsive" label with no attempt at all is poor.
/// </summary>
internal sealed class UnresponsiveRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        if (c.SubstanceJudged || !RuleFacts.IsUnresponsiveNote(c))
        {
            return;
        }

        c.SubstanceJudged = true;
        var f = c.Features;
        var hasCount = RuleFacts.HasAttemptCount(c);
        var hasAccount = f.Has(Tag.Managed);
        var mentionsAttempts = hasCount || MentionsAttempts(f);
        var at = f.First(Tag.Unresponsive) ?? f.First(Tag.Attempt);
        if (!hasCount && !hasAccount && !mentionsAttempts)
        {
            // The bare label ("Customer unresponsive.") says nothing of what was tried, the note's reason here.
            c.Add(Codes.UnresponsiveMissingAttemptCount, Severity.Error, Grade.Poor, at, "AddAttemptCount");
            c.Add(Codes.UnresponsiveMissingAccountType, Severity.Error, Grade.Poor, at, "AddAccountType");
            if (f.ContentWords < 1)
            {
                c.AddWhole(Codes.MissingReason, Severity.Error, Grade.Poor, "AddReason");
            }

            return;
        }

        if (!hasCount)
        {
            c.Add(Codes.UnresponsiveMissingAttemptCount, Severity.Warning, Grade.Insufficient, at, "AddAttemptCount");
        }

        if (!hasAccount)
        {
            c.Add(Codes.UnresponsiveMissingAccountType, Severity.Warning, Grade.Insufficient, at, "AddAccountType");
        }
    }

    /// <summary>
    /// The note says something was tried: an attempt word on its own or inside a longer phrase ("多次联系", "contacted
    /// twice"), but not the one inside the label itself ("联系不上", "unreachable").
    /// </summary>
    private static bool MentionsAttempts(Analysis.NoteFeatures f)
    {
        // The container is the phrase that reaches furthest, as when the matches were kept: a nested phrase that keeps
        // its cues ("nobody" in "nobody called back") is not marked nested, but still lies inside the label.
        var container = Tag.None;
        var end = -1;
        foreach (var m in f.Matches)
        {
            var inside = m.End <= end;
            if (!inside)
            {
                container = m.Entry.Tags;
                end = m.End;
            }

            if ((m.ExtraTags & Tag.Attempt) != 0 && (!inside || (container & Tag.Unresponsive) == 0))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>EngagementLogistics: a note about arranging contact (meetings, slots, invitations) rather than the customer's intent or obstacle.</summary>
internal sealed class EngagementLogisticsRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        var f = c.Features;
        if (f.IsEmpty || !f.Has(Tag.Logistics))
        {
            return;
        }

        // About arranging contact: no statement of intent or block, no progress ("migration under way: batches
        // scheduled") and no reason (Japanese writes a purpose as one, "意向確認のため", so three meeting words
        // outweigh it), just meetings, people and dates; gathering the unknown intent is what such meetings are for.
        // A meeting mentioned in a note that states intent and its reason is no finding at all.
        var onlyLogistics = !c.SubstanceJudged
            && !RuleFacts.IsUnresponsiveNote(c)
            && !(f.Has(Tag.Decline) && f.Has(Tag.Assistance))
            && !RuleFacts.HasAny(c, RuleFacts.Statements & ~(Tag.Status | Tag.Intent | Tag.UnknownIntent))
            && (!f.Has(Tag.Reason) || f.Count(Tag.Logistics) >= 3)
            && !(f.PhaseCues > 0 && (f.Has(Tag.Progress) || (f.Has(Tag.Status) && f.Count(Tag.Logistics) < 3)))
            && f.SpecificCues < 2;
        if (onlyLogistics)
        {
            // A block or no intent with a category for its cause ("Technische Gründe, Kunde meldet sich") is still
            // judged for its reason.
            c.SubstanceJudged = !(f.Has(Tag.Generic) && (c.PolicyIs(Taxonomy.Blocked) || c.PolicyIs(Taxonomy.NoIntent)));
            c.Add(Codes.EngagementLogistics, Severity.Warning, Grade.Insufficient, f.First(Tag.Logistics), "MoveToOverallNote");
        }
    }
}

/// <summary>UsageOnly: usage figures without intent, status detail or reason.</summary>
internal sealed class UsageOnlyRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        var f = c.Features;
        if (c.SubstanceJudged || !f.Has(Tag.Usage))
        {
            return;
        }

        if (f.SpecificCues == 0 && !f.Has(Tag.Reason) && (f.ContentWords < f.Profile.SpecificContentWords || FiguresOnly(f)))
        {
            c.SubstanceJudged = true;
            c.Add(Codes.UsageOnly, Severity.Warning, Grade.Insufficient, f.First(Tag.Usage), "AddIntentAndReason");

            // "No intent, usage 0.0%": only the L1 and a figure, which the guidance names as not enough.
            if (f.Has(Tag.NoIntent))
            {
                c.Add(Codes.MissingReason, Severity.Warning, Grade.Insufficient, f.First(Tag.NoIntent), "AddReason");
            }
        }
    }

    /// <summary>
    /// A note of figures ("47 of 1,900 licensed users active in the last 28 days (2.5%)"):
    /// several numbers and the words that count them, and no statement of intent, block, phase or cause.
    /// </summary>
    private static bool FiguresOnly(Analysis.NoteFeatures f) =>
        f.Numbers.Count >= 2 && f.PhaseCues == 0 && !f.Has(Tag.Blocked) && !f.Has(Tag.NoIntent) && !f.Has(Tag.WontDeploy)
        && !f.Has(Tag.Intent) && !f.Has(Tag.Progress) && !f.Has(Tag.Until) && f.ContentWords < 2 * f.Profile.SpecificContentWords;
}

/// <summary>DeclinedAssistanceNotNoIntent: declining the programme's help is not a reason for No Intent.</summary>
internal sealed class DeclinedAssistanceRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        var f = c.Features;
        if (c.SubstanceJudged || !f.Has(Tag.Decline) || !f.Has(Tag.Assistance))
        {
            return;
        }

        if (!(c.PolicyL1 < 0 || c.PolicyIs(Taxonomy.NoIntent)))
        {
            return;
        }

        // A reason for not wanting the service itself (a competitor, the on-premises product, a
        // company decision) makes the note a real No Intent note, whatever happened to the help.
        for (var i = 0; i < Taxonomy.L2Codes.Length; i++)
        {
            if (Taxonomy.L1OfL2[i] == Taxonomy.L1Index(Taxonomy.NoIntent) && f.CueScore[i] >= 2.5)
            {
                return;
            }
        }

        c.SubstanceJudged = true;
        c.Add(Codes.DeclinedAssistanceNotNoIntent, Severity.Warning, Grade.Insufficient, f.First(Tag.Decline), "RecordServiceIntent");
    }
}

/// <summary>
/// The reason behind No Intent and Blocked (and the why of Duplicate/Invalid):
/// none → MissingReason (poor); only generic category words → VagueReason (poor); an area, a bare
/// cue or a condition ("until the merger completes") without the specific cause → MissingDetail.
/// </summary>
internal sealed class ReasonRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        if (c.SubstanceJudged)
        {
            return;
        }

        var f = c.Features;
        if (c.PolicyIs(Taxonomy.DuplicateInvalid))
        {
            c.SubstanceJudged = true;
            var why = f.Has(Tag.Reason) || f.SpecificCues > 0 || f.ContentWords >= f.Profile.SpecificContentWords || f.Count(Tag.Workload) >= 2 || f.Has(Tag.Detail);
            if (!why && f.ContentWords < 1 && f.Numbers.Count == 0)
            {
                // "Duplicate.", "重複。": the status in a word, which says of which tenant or why nothing.
                c.AddWhole(Codes.StatusOnly, Severity.Warning, Grade.Insufficient, "AddReason");
            }
            else if (!why)
            {
                c.Add(Codes.MissingReason, Severity.Error, Grade.Poor, f.First(Tag.Duplicate), "AddReason");
            }

            return;
        }

        var needsReason = c.PolicyL1 < 0 || c.PolicyIs(Taxonomy.NoIntent) || c.PolicyIs(Taxonomy.Blocked);
        if (!needsReason)
        {
            if (c.PolicyIs(Taxonomy.InProgress) && HeldUpForVagueReason(c))
            {
                // "因技术原因迁移延后", "technical issue, stuck": progress held up, and the cause only a category.
                c.SubstanceJudged = true;
                var generic = f.First(Tag.Generic)!.Value;
                c.Add(Codes.VagueReason, Severity.Error, Grade.Poor, generic, "NameCause");
            }
            else if (c.PolicyIs(Taxonomy.InProgress) && (f.Has(Tag.Reason) || f.Has(Tag.Blocked)) && f.PhaseCues == 0
                && CategoryList(f) is { } held && !SpecificOutside(f, held.Start, held.End))
            {
                // "in progress, some technical/network/user issues": held up by a list of categories.
                c.SubstanceJudged = true;
                c.Add(Codes.VagueReason, Severity.Error, Grade.Poor, held.Start, held.End, "NameCause");
            }

            return;
        }

        c.SubstanceJudged = true;
        var statement = f.First(Tag.NoIntent) ?? f.First(Tag.Blocked) ?? f.First(Tag.WontDeploy);

        // A condition ("until X", "not before Q3") is no cause unless the rest of the note gives one.
        if (f.First(Tag.Until) is { } until && !f.Has(Tag.Reason))
        {
            // The condition's own clause: after "until" in English and German, before "之后再" in Chinese, unless the
            // marker opens its clause there too ("直到母公司合并完成").
            var before = ClauseStart(f, until.Start);
            var (clauseStart, clauseEnd) = f.Profile.ConditionFirst && f.Normalized.AsSpan(before, until.Start - before).Trim().Length > 0
                ? (before, until.End)
                : (until.Start, ClauseEnd(f, until.End));
            var cues = f.SpecificCuesIn(0, clauseStart) + f.SpecificCuesIn(clauseEnd, f.NormalizedLength);
            var words = f.ContentWordsIn(0, clauseStart) + f.ContentWordsIn(clauseEnd, f.NormalizedLength)
                + NumbersOutside(f, clauseStart, clauseEnd);
            // A condition told in full ("solange das AD mit 3 Forests und 900 verwaisten Konten nicht bereinigt ist")
            // names the cause itself; "until the merger completes" does not.
            var clauseWords = f.ContentWordsIn(clauseStart, clauseEnd) + (f.Numbers.Count - NumbersOutside(f, clauseStart, clauseEnd));
            var toldInFull = clauseWords >= 2 * f.Profile.SpecificContentWords
                && RuleFacts.IsSpecific(f, f.SpecificCuesIn(clauseStart, clauseEnd), clauseWords);
            if (!RuleFacts.IsSpecific(f, cues, words) && !toldInFull)
            {
                c.Add(Codes.MissingDetail, Severity.Warning, Grade.Insufficient, until, "StateIntentAndCause");
                return;
            }
        }

        if (CategoryList(f) is { } list && !SpecificOutside(f, list.Start, list.End))
        {
            // "hardware/network/AD issues", "品質面・性能面の懸念": several areas at once, and none of them the cause;
            // the listed areas are cues themselves, so only the rest of the note can name the cause.
            c.Add(Codes.VagueReason, Severity.Error, Grade.Poor, list.Start, list.End, "NameCause");
            return;
        }

        if (RuleFacts.HasSpecificReason(c))
        {
            return;
        }

        var area = FirstArea(f) ?? FirstWeakCue(f);
        if (area is not null || f.SpecificCues > 0 || f.ContentWords >= 2)
        {
            // Something is named (an area, a bare cue, a few words), but not the specific cause.
            c.Add(Codes.MissingDetail, Severity.Warning, Grade.Insufficient, area ?? FirstCue(f) ?? statement, "AddDetail");
            return;
        }

        if (f.Has(Tag.Generic))
        {
            var first = f.First(Tag.Reason) ?? f.First(Tag.Generic)!.Value;
            var last = first;
            foreach (var m in f.Matches)
            {
                if ((m.ExtraTags & (Tag.Generic | Tag.Area)) != 0)
                {
                    last = m;
                }
            }

            c.Add(Codes.VagueReason, Severity.Error, Grade.Poor, first.Start, Math.Max(first.End, last.End), "NameCause");
            return;
        }

        if (f.Has(Tag.Covid) && f.Has(Tag.Pause))
        {
            // "#covid Teams-Rollout pausiert", and nothing else said of the cause: the tag gives the pandemic as the pause's
            // cause, and CovidTagOnPause says what is wrong with that; the note is not also without a reason.
            return;
        }

        c.Add(Codes.MissingReason, Severity.Error, Grade.Poor, statement, "AddReason");
        if (RuleFacts.HasAny(c, RuleFacts.Statements))
        {
            c.AddWhole(Codes.StatusOnly, Severity.Warning, Grade.Poor, "AddReason");
        }
    }

    /// <summary>
    /// An In Progress note that says progress is held up (a block or a cause word) by a generic category alone: no
    /// phase, no area, no cue and hardly a word besides.
    /// </summary>
    private static bool HeldUpForVagueReason(RuleContext c)
    {
        var f = c.Features;
        return f.Has(Tag.Generic) && (f.Has(Tag.Reason) || f.Has(Tag.Blocked))
            && f.PhaseCues == 0 && f.SpecificCues == 0 && f.ContentWords < 2 && f.Numbers.Count == 0
            && FirstArea(f) is null && FirstWeakCue(f) is null && !RuleFacts.HasSpecificReason(c);
    }

    /// <summary>
    /// Categories listed with slashes or middle dots ("partner/licensing/resourcing issues", "機能・技術的な課題",
    /// "諸般の事情（コスト・運用・方針）", in Chinese also 、: "人员、预算、流程各方面的问题"): the guidance's
    /// "cloud/data/legal issues" with other words. A separator may stand between spaces ("infra / network"). Each listed
    /// item but the last has two to twelve letters ("b/c" is no list), none of the items is a workload or product
    /// ("Teams/SharePoint data"), a middle dot inside a kana word ("シングル・サインオン") separates nothing, and either a
    /// generic word starts within a few characters after the list's last separator or ends just before its first item,
    /// or there are three items or more and two of them are areas, categories or weak cues ("wegen Daten/Netz/Personal";
    /// "Zoom/Slack/Box" and "GDPR/DPIA/data residency" name causes). In Japanese, 、 is a comma, not a list mark.
    /// </summary>
    private static (int Start, int End)? CategoryList(Analysis.NoteFeatures f) => SeparatedList(f) ?? JoinedList(f);

    /// <summary>
    /// Categories joined by the language's list words (<c>listJoiners</c>: "クラウドとかデータとか法律とかの問題",
    /// "オンプレミスやセキュリティ、コストの関係で"), where the words run together, so the list is read from the matches.
    /// Three categories, or two with a word for "and so on" (<c>listClosers</c>) or for trouble right after them.
    /// </summary>
    private static (int Start, int End)? JoinedList(Analysis.NoteFeatures f)
    {
        if (f.Profile.ListJoiners.Length == 0)
        {
            return null;
        }

        var (first, end, items) = (-1, -1, 0);
        PhraseMatch? previous = null;
        foreach (var m in f.Matches)
        {
            if (m.Nested || ((m.ExtraTags & (Tag.Area | Tag.Generic)) == 0 && !Analysis.NoteFeatures.IsWeakCue(m)))
            {
                continue;
            }

            if (previous is { } p && Joined(f, p.End, m.Start))
            {
                (end, items) = (m.End, items + 1);
            }
            else
            {
                if (ClosesList(f, items, end))
                {
                    return (first, end);
                }

                (first, end, items) = (m.Start, m.End, 1);
            }

            previous = m;
        }

        return ClosesList(f, items, end) ? (first, end) : null;
    }

    private static bool ClosesList(Analysis.NoteFeatures f, int items, int end)
    {
        if (items >= 3)
        {
            return true;
        }

        if (items < 2)
        {
            return false;
        }

        var rest = f.Normalized.AsSpan(end, Math.Min(f.NormalizedLength - end, 8)).TrimStart(' ');
        foreach (var closer in f.Profile.ListClosers)
        {
            if (rest.StartsWith(closer))
            {
                return true;
            }
        }

        // A word for trouble right after the list, with nothing but function words between ("…の問題"); a cue between
        // ("不足やネットワーク帯域の問題") makes the items causes of their own.
        var at = end;
        foreach (var m in f.Matches)
        {
            if (m.Start < end || m.Nested)
            {
                continue;
            }

            if (m.Start > at && f.Normalized.AsSpan(at, m.Start - at).Trim(' ').Length > 0)
            {
                return false;
            }

            if ((m.ExtraTags & Tag.Generic) != 0)
            {
                return true;
            }

            if ((m.Entry.Tags & Tag.Stop) == 0)
            {
                return false;
            }

            at = Math.Max(at, m.End);
        }

        return false;
    }

    /// <summary>Whether only a joining word stands between two items, after an item's tail ("のこと", "面") at most.</summary>
    private static bool Joined(Analysis.NoteFeatures f, int end, int start)
    {
        if (start <= end || start - end > 6)
        {
            return false;
        }

        var gap = f.Normalized.AsSpan(end, start - end).Trim(' ');
        foreach (var tail in f.Profile.ListItemTails)
        {
            if (gap.StartsWith(tail))
            {
                gap = gap[tail.Length..].Trim(' ');
                break;
            }
        }

        foreach (var joiner in f.Profile.ListJoiners)
        {
            if (gap.SequenceEqual(joiner))
            {
                return true;
            }
        }

        return false;
    }

    private static (int Start, int End)? SeparatedList(Analysis.NoteFeatures f)
    {
        var text = f.Normalized;
        var length = f.NormalizedLength;
        if (text.AsSpan(0, length).IndexOfAny(f.Profile.WritesKana ? KanaListSeparators : ListSeparators) < 0)
        {
            return null;
        }

        var i = 0;
        while (i < length)
        {
            if (!char.IsLetter(text[i]) || (i > 0 && char.IsLetterOrDigit(text[i - 1])))
            {
                i++;
                continue;
            }

            var (first, at, lastSeparator, separators) = (i, i, -1, 0);
            int itemEnd;
            while (true)
            {
                itemEnd = at;
                while (itemEnd < length && char.IsLetter(text[itemEnd]))
                {
                    itemEnd++;
                }

                // The separator may stand between spaces: "infra / network / security".
                var item = itemEnd - at;
                var separator = itemEnd + (itemEnd + 1 < length && text[itemEnd] == ' ' ? 1 : 0);
                var next = separator + 1 + (separator + 2 < length && text[separator + 1] == ' ' ? 1 : 0);
                if (item is < 2 or > 12 || next >= length || !IsListSeparator(f.Profile, text, separator) || !char.IsLetter(text[next]))
                {
                    break;
                }

                (lastSeparator, at, separators) = (separator, next, separators + 1);
            }

            if (lastSeparator >= 0 && !NamesAWorkload(f, first, itemEnd))
            {
                var cap = lastSeparator + 13;
                foreach (var m in f.Matches)
                {
                    if ((m.ExtraTags & Tag.Generic) != 0
                        && ((m.End > lastSeparator && m.Start < cap) || (m.End <= first && m.End >= first - 2)))
                    {
                        return (first, Math.Max(Math.Min(itemEnd, cap), m.Start > lastSeparator ? m.End : 0));
                    }
                }

                // Three or more items, two of them areas or causes the vocabulary knows, need no word for trouble:
                // "wegen Daten/Netz/Personal", "Ressourcen/Budget/Prozessen".
                if (separators >= 2 && KnownItems(f, first, Math.Min(itemEnd, cap)) >= 2)
                {
                    return (first, Math.Min(itemEnd, cap));
                }
            }

            i = Math.Max(itemEnd, i + 1);
        }

        return null;
    }

    private static readonly System.Buffers.SearchValues<char> ListSeparators = System.Buffers.SearchValues.Create("/・･、");

    private static readonly System.Buffers.SearchValues<char> KanaListSeparators = System.Buffers.SearchValues.Create("/・･");

    private static bool IsListSeparator(LanguageProfile profile, char[] text, int at) => text[at] switch
    {
        '/' => true,
        '・' or '･' => !(TextNormalizer.IsKana(text[at - 1]) && TextNormalizer.IsKana(text[at + 1])),
        '、' => !profile.WritesKana,
        _ => false,
    };

    /// <summary>
    /// The areas, categories and weak cues in [start, end); a strong cue names something concrete ("Zoom", "GDPR",
    /// "SSL inspection"), and a list of those is a list of causes, not of categories.
    /// </summary>
    private static int KnownItems(Analysis.NoteFeatures f, int start, int end)
    {
        var n = 0;
        foreach (var m in f.Matches)
        {
            if (!m.Nested && m.Start >= start && m.End <= end
                && ((m.ExtraTags & (Tag.Area | Tag.Generic)) != 0 || Analysis.NoteFeatures.IsWeakCue(m)))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Whether a workload or product is named in [start, end): "Teams/SharePoint" lists products, not causes.</summary>
    private static bool NamesAWorkload(Analysis.NoteFeatures f, int start, int end)
    {
        foreach (var m in f.Matches)
        {
            if ((m.ExtraTags & Tag.Workload) != 0 && m.Start < end && m.End > start)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first area word; generic phrases such as "licensing issues" are listed as generic in the data.</summary>
    private static PhraseMatch? FirstArea(Analysis.NoteFeatures f)
    {
        var matches = f.Matches;
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            if ((m.ExtraTags & Tag.Area) == 0 || (m.ExtraTags & Tag.Generic) != 0 || m.Nested)
            {
                continue;
            }

            return m;
        }

        return null;
    }

    /// <summary>The first weak cue ("IT 资源", "management"): it names the area of the cause as an area word does.</summary>
    private static PhraseMatch? FirstWeakCue(Analysis.NoteFeatures f)
    {
        foreach (var m in f.Matches)
        {
            if (Analysis.NoteFeatures.IsWeakCue(m))
            {
                return m;
            }
        }

        return null;
    }

    private static PhraseMatch? FirstCue(Analysis.NoteFeatures f)
    {
        foreach (var m in f.Matches)
        {
            if (!m.Nested && m.Entry.MaxCueWeight >= 2 && (m.Entry.Tags & (Tag.Generic | Tag.Area)) == 0)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>Figures outside [start, end) ("Exchange 2019", "Hardware 2023 erneuert"): details as words are.</summary>
    private static int NumbersOutside(Analysis.NoteFeatures f, int start, int end)
    {
        var n = 0;
        foreach (var (s, e) in f.Numbers)
        {
            n += e <= start || s >= end ? 1 : 0;
        }

        return n;
    }

    /// <summary>Whether the note names a specific cause outside [start, end), the span of a list of categories.</summary>
    private static bool SpecificOutside(Analysis.NoteFeatures f, int start, int end) =>
        RuleFacts.IsSpecific(
            f,
            f.SpecificCuesIn(0, start) + f.SpecificCuesIn(end, f.NormalizedLength),
            f.ContentWordsIn(0, start) + f.ContentWordsIn(end, f.NormalizedLength) + NumbersOutside(f, start, end));

    private static int ClauseStart(Analysis.NoteFeatures f, int before)
    {
        var norm = f.Normalized.AsSpan(0, before);
        return norm.LastIndexOfAny(ClauseBreaks) + 1;
    }

    private static int ClauseEnd(Analysis.NoteFeatures f, int from)
    {
        var norm = f.Normalized.AsSpan(0, f.NormalizedLength);
        var i = norm[from..].IndexOfAny(ClauseBreaks);
        return i < 0 ? norm.Length : from + i;
    }

    private static readonly System.Buffers.SearchValues<char> ClauseBreaks = System.Buffers.SearchValues.Create(",;.:!?，；。：！？、");
}

/// <summary>In Progress and Status Unknown notes must say more than their status: the phase, the focus, what is known.</summary>
internal sealed class StatusOnlyRule : INoteRule
{
    public void Apply(RuleContext c)
    {
        if (c.SubstanceJudged)
        {
            return;
        }

        c.SubstanceJudged = true;
        var f = c.Features;
        var detail = f.ContentWords + (0.5 * f.Count(Tag.Workload));
        if (f.PhaseCues > 0 || detail >= f.Profile.ProgressDetailWords)
        {
            return;
        }

        if (f.RestatedCues > 0 && detail + RestatedDetail(f) >= f.Profile.ProgressDetailWords)
        {
            return;
        }

        // The unknown intent says more than the status only with what is new: the workload, a date, a figure or a few
        // words of its own ("Copilot 300 席，意向未知"); alone ("Intent unknown.", "意図不明") or beside the L2's own name
        // ("New subscription, intent unknown", "新订阅，意向未知") it is the status in other words.
        if (c.PolicyIs(Taxonomy.StatusUnknown) && StatesUnknownIntent(f) && (f.Has(Tag.Workload) || f.Numbers.Count > 0 || (!f.Has(Tag.Restate) && detail >= 1)))
        {
            return;
        }

        // The fix shows what a note for the chosen L2 says ("AddPhase:Migration"): what is moved and how far it is.
        var fix = c.GivenL2 >= 0 ? $"AddPhase:{Taxonomy.L2Codes[c.GivenL2]}" : "AddPhase";
        c.AddWhole(Codes.StatusOnly, Severity.Warning, Grade.Insufficient, fix);
    }

    /// <summary>
    /// The note says the intent is not known ("intent unknown", "Absicht unbekannt"), not only the L2's name
    /// ("New subscription.", "新订阅"), which restates the status.
    /// </summary>
    private static bool StatesUnknownIntent(Analysis.NoteFeatures f)
    {
        foreach (var m in f.Matches)
        {
            if ((m.ExtraTags & Tag.UnknownIntent) != 0 && (m.Entry.Tags & Tag.Restate) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a note naming the status's own activity ("migration") says besides it: the activity counts as one
    /// word, each other thing it names ("mailboxes") as one, each figure as half. "Migration ongoing" restates
    /// the status; "migrating the mailboxes, 300 of 1,200 moved" says what is migrated and how far it is.
    /// </summary>
    private static double RestatedDetail(Analysis.NoteFeatures f)
    {
        var detail = 1.0 + (0.5 * f.Numbers.Count);
        foreach (var m in f.Matches)
        {
            if (!m.Nested && m.Entry.Cues.Count > 0 && ((m.Entry.Tags | m.ExtraTags) & (Tag.Restate | Tag.Status | Tag.Generic | Tag.Progress | Tag.UnknownIntent)) == 0)
            {
                detail += 1;
            }
        }

        return detail;
    }
}
