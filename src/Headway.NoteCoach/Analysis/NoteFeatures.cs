using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Headway.NoteCoach.Languages;
using Headway.NoteCoach.Matching;
using Headway.NoteCoach.Text;

namespace Headway.NoteCoach.Analysis;

/// <summary>
/// Everything the rules need to know about one note, computed in one pass: the phrases found
/// (longest match wins where phrases nest), counts per tag, L2 cue scores, content words that
/// no vocabulary explains, numbers, sentences and length. Reused per thread to keep the hot
/// path free of allocations.
/// </summary>
internal sealed class NoteFeatures
{
    /// <summary>
    /// One counter per <see cref="Tag"/> bit, up to the highest bit the enum defines: a new
    /// vocabulary category (up to the enum's 64 bits) needs no change here.
    /// </summary>
    internal static readonly int TagSlots = 64 - BitOperations.LeadingZeroCount(Enum.GetValues<Tag>().Aggregate(0UL, (all, tag) => all | (ulong)tag));

    private const Tag FunctionalTags = Tag.Attempt | Tag.AttemptUnit | Tag.Number | Tag.Unresponsive | Tag.Managed | Tag.Covid | Tag.Pause
        | Tag.Decline | Tag.Assistance | Tag.Usage | Tag.VagueTime | Tag.Logistics | Tag.Duplicate;

    /// <summary>How many instances a thread keeps for reuse: a tenant's notes are read together, one instance each.</summary>
    private const int PooledPerThread = 64;

    [ThreadStatic]
    private static Stack<NoteFeatures>? s_pool;

    private readonly List<PhraseMatch> _raw = new(64);

    public string Text { get; private set; } = "";

    public LanguageProfile Profile { get; private set; } = null!;

    public char[] Normalized { get; private set; } = [];

    public int[] Map { get; private set; } = [];

    public int NormalizedLength { get; private set; }

    /// <summary>Kept phrase matches, ordered by start.</summary>
    public List<PhraseMatch> Matches { get; } = new(64);

    /// <summary>Template placeholders left in the text, as source (start, length); the rest is read as if they were blank.</summary>
    public List<(int Start, int Length)> Placeholders { get; } = new(4);

    /// <summary>Start/end (normalized) of digit runs.</summary>
    public List<(int Start, int End)> Numbers { get; } = new(8);

    public int[] TagCount { get; } = new int[TagSlots];

    /// <summary>Index into <see cref="Matches"/> of the first match per tag, or -1.</summary>
    public int[] FirstMatch { get; } = new int[TagSlots];

    public double[] CueScore { get; } = new double[Taxonomy.L2Codes.Length];

    /// <summary>Strongest single cue match per L2 (index into <see cref="Matches"/>), or -1.</summary>
    public int[] CueMatch { get; } = new int[Taxonomy.L2Codes.Length];

    /// <summary>Matches whose phrase is a strong (weight ≥ 2) cue or a listed detail.</summary>
    public int SpecificCues { get; private set; }

    /// <summary>Strong cue matches including progress statements ("pilot phase"): what an In Progress note needs.</summary>
    public int PhaseCues { get; private set; }

    /// <summary>Strong cues that only name the status's own activity ("migration", "迁移中"): not a phase alone.</summary>
    public int RestatedCues { get; private set; }

    /// <summary>Words (CJK: characters / CharsPerWord) that no vocabulary phrase covers.</summary>
    public double ContentWords { get; private set; }

    public int Sentences { get; private set; }

    public int TextElements { get; private set; }

    public bool IsEmpty { get; private set; }

    public static NoteFeatures Rent() =>
        s_pool is { } pool && pool.TryPop(out var features) ? features : new NoteFeatures();

    public static void Return(NoteFeatures features)
    {
        features.Release();
        var pool = s_pool ??= new Stack<NoteFeatures>();
        if (pool.Count < PooledPerThread)
        {
            pool.Push(features);
        }
    }

    public int Count(Tag tag) => TagCount[Slot(tag)];

    public bool Has(Tag tag) => TagCount[Slot(tag)] > 0;

    public PhraseMatch? First(Tag tag)
    {
        var i = FirstMatch[Slot(tag)];
        return i < 0 ? null : Matches[i];
    }

    /// <summary>Source span (UTF-16 start, length) of a normalized range.</summary>
    public (int Start, int Length) SourceSpan(int start, int end)
    {
        if (NormalizedLength == 0 || end <= start)
        {
            return (0, 0);
        }

        var s = Map[start];
        var e = Map[end - 1] + 1;
        if (e < Text.Length && char.IsLowSurrogate(Text[e]) && char.IsHighSurrogate(Text[e - 1]))
        {
            e++;
        }

        // A half-width sound mark joined the kana before it ("ﾄﾞ" is "ド"): the span ends after the mark.
        while (e < Text.Length && Text[e] is '\uFF9E' or '\uFF9F' && (end >= NormalizedLength || Map[end] > e))
        {
            e++;
        }

        return (s, e - s);
    }

    public string SourceText(PhraseMatch m)
    {
        var (s, l) = SourceSpan(m.Start, m.End);
        return Text.Substring(s, l);
    }

    public void Compute(string text, LanguageProfile profile)
    {
        Text = text;
        Profile = profile;
        Normalized = ArrayPool<char>.Shared.Rent(Math.Max(16, text.Length));
        Map = ArrayPool<int>.Shared.Rent(Math.Max(16, text.Length));
        Placeholders.Clear();
        Rules.UnfilledPlaceholderRule.Find(text, Placeholders);
        NormalizedLength = TextNormalizer.Normalize(Placeholders.Count == 0 ? text : Blank(text, Placeholders), Normalized, Map);
        var norm = Normalized.AsSpan(0, NormalizedLength);

        Array.Clear(TagCount);
        Array.Fill(FirstMatch, -1);
        Array.Clear(CueScore);
        Array.Fill(CueMatch, -1);
        Matches.Clear();
        Numbers.Clear();
        _raw.Clear();
        SpecificCues = 0;
        PhaseCues = 0;
        RestatedCues = 0;
        ContentWords = 0;

        var hasContent = false;
        foreach (var c in norm)
        {
            if (char.IsLetterOrDigit(c))
            {
                hasContent = true;
                break;
            }
        }

        IsEmpty = !hasContent;
        if (IsEmpty)
        {
            Sentences = 0;
            TextElements = SentenceSegmenter.TextElements(text);
            return;
        }

        profile.Matcher.FindAll(norm, _raw);
        SortByStartThenLongest(CollectionsMarshal.AsSpan(_raw));
        // Longest match wins where phrases nest ("no intent" over "intent"); a nested phrase survives
        // only for the functional tags the longer one lacks ("kontaktversuche" cue + attempt unit).
        var maxEnd = -1;
        var container = default(PhraseMatch);
        foreach (var m in _raw)
        {
            if (m.End <= maxEnd)
            {
                // A nested phrase also keeps its cues when the longer phrase has none ("移行中" holds "移行"), but never inside a
                // product's name ("pilot" in "Copilot").
                var extra = m.Entry.Tags & ~container.Entry.Tags & FunctionalTags;
                var cues = m.Entry.Cues.Count > 0 && container.Entry.Cues.Count == 0
                    && (container.Entry.Tags & (Tag.Generic | Tag.Area | Tag.Hedge | Tag.Stop | Tag.Logistics | Tag.Status | Tag.Workload)) == 0;
                if (extra != Tag.None || cues)
                {
                    Matches.Add(m with { ExtraTags = extra, Nested = !cues });
                }

                continue;
            }

            maxEnd = m.End;
            container = m;
            Matches.Add(m with { ExtraTags = m.Entry.Tags });
        }

        var cueBest = (Span<double>)stackalloc double[Taxonomy.L2Codes.Length];
        var lastSpecificEnd = 0;
        for (var i = 0; i < Matches.Count; i++)
        {
            var e = Matches[i].Entry;
            var tags = (ulong)Matches[i].ExtraTags;
            while (tags != 0)
            {
                var slot = BitOperations.TrailingZeroCount(tags);
                tags &= tags - 1;
                TagCount[slot]++;
                if (FirstMatch[slot] < 0)
                {
                    FirstMatch[slot] = i;
                }
            }

            if (Matches[i].Nested)
            {
                continue;
            }

            // The status's own activity ("migration") names what is blocked or paused as often as the status itself:
            // it points to its L2 at half weight.
            var restated = (e.Tags & Tag.Restate) != 0;
            foreach (var (l2, weight) in e.Cues)
            {
                var w = restated ? weight / 2 : weight;
                CueScore[l2] += w;
                if (w > cueBest[l2])
                {
                    cueBest[l2] = w;
                    CueMatch[l2] = i;
                }
            }

            if (e.MaxCueWeight >= 2 && (e.Tags & (Tag.Status | Tag.Area | Tag.Generic)) == 0)
            {
                if ((e.Tags & Tag.Restate) != 0)
                {
                    RestatedCues++;
                }
                else
                {
                    PhaseCues++;
                }
            }

            // Overlapping cues ("line of business" / "business applications") name one thing.
            if (IsSpecific(e) && Matches[i].Start >= lastSpecificEnd)
            {
                SpecificCues++;
                lastSpecificEnd = Matches[i].End;
            }
        }

        ComputeContent(norm);
        Sentences = SentenceSegmenter.Count(text, profile);
        TextElements = SentenceSegmenter.TextElements(text);
    }

    private void ComputeContent(ReadOnlySpan<char> norm)
    {
        ContentWords = ContentWordsIn(norm, 0, norm.Length, collectNumbers: true);
    }

    /// <summary>The text with each placeholder (brackets included) replaced by spaces, so positions stay the same.</summary>
    private static string Blank(string text, List<(int Start, int Length)> placeholders) =>
        string.Create(text.Length, (text, placeholders), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            foreach (var (start, length) in state.placeholders)
            {
                span.Slice(start, length).Fill(' ');
            }
        });

    /// <summary>
    /// Whether the word [start, end) is a ticket's prefix: two to six capital ASCII letters as written, a hyphen, then
    /// digits ("HW-5520"); "GroupWise-18" or "Canon-5" name products.
    /// </summary>
    private bool IsReference(ReadOnlySpan<char> norm, int start, int end)
    {
        if (end - start is < 2 or > 6 || end + 1 >= norm.Length || norm[end] != ' ' || !char.IsDigit(norm[end + 1]) || Text[Map[end]] is not ('-' or '\u2010' or '\u2011' or '\u2013'))
        {
            return false;
        }

        for (var k = start; k < end; k++)
        {
            if (Text[Map[k]] is < 'A' or > 'Z')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Content words (see <see cref="ContentWords"/>) inside the normalized range [start, end).</summary>
    public double ContentWordsIn(int start, int end) =>
        ContentWordsIn(Normalized.AsSpan(0, NormalizedLength), Math.Max(0, start), Math.Min(end, NormalizedLength), collectNumbers: false);

    private double ContentWordsIn(ReadOnlySpan<char> all, int from, int to, bool collectNumbers)
    {
        // Walk the text and the ordered matches together.
        var norm = all[..to];
        var mi = 0;
        var words = 0.0;
        var cjkChars = 0;
        var i = from;
        while (i < norm.Length)
        {
            while (mi < Matches.Count && Matches[mi].End <= i)
            {
                mi++;
            }

            if (mi < Matches.Count && Matches[mi].Start <= i)
            {
                // A weak cue ("management", "IT projects") says something about the cause without naming it: a word.
                if (IsWeakCue(Matches[mi]))
                {
                    words += 1;
                }

                i = Matches[mi].End;
                continue;
            }

            var c = norm[i];
            if (char.IsDigit(c))
            {
                var start = i;
                while (i < norm.Length && (char.IsDigit(norm[i]) || (norm[i] is '.' or ',' && i + 1 < norm.Length && char.IsDigit(norm[i + 1]))))
                {
                    i++;
                }

                if (collectNumbers)
                {
                    Numbers.Add((start, i));
                }

                continue;
            }

            if (TextNormalizer.IsWordChar(c))
            {
                var start = i;
                while (i < norm.Length && (TextNormalizer.IsWordChar(norm[i]) || (norm[i] == '\'' && i + 1 < norm.Length && TextNormalizer.IsWordChar(norm[i + 1]))))
                {
                    i++;
                }

                if (IsReference(norm, start, i))
                {
                    // A ticket ("HW-5520", "INC-20417") is no cause, and its number no detail.
                    for (i++; i < norm.Length && char.IsDigit(norm[i]); i++)
                    {
                    }

                    continue;
                }

                if (i - start > 1)
                {
                    words += 1;
                }

                continue;
            }

            if (TextNormalizer.IsCjk(c))
            {
                cjkChars++;
            }

            i++;
        }

        return words + (cjkChars / Profile.CharsPerWord);
    }

    /// <summary>Strong cues and details inside the normalized range [start, end).</summary>
    public int SpecificCuesIn(int start, int end)
    {
        var n = 0;
        foreach (var m in Matches)
        {
            if (!m.Nested && m.Start >= start && m.End <= end && IsSpecific(m.Entry))
            {
                n++;
            }
        }

        return n;
    }

    // Statements ("piloting", "blocked"), the status's own activity ("migration") and areas are not causes, even when
    // they are also cues.
    private const Tag NotCause = Tag.Area | Tag.Generic | Tag.Status | Tag.Progress | Tag.Blocked | Tag.NoIntent | Tag.WontDeploy | Tag.Intent | Tag.UnknownIntent | Tag.Restate;

    /// <summary>A cue below the strong weight that is no statement, area or category ("management", "IT 资源").</summary>
    internal static bool IsWeakCue(PhraseMatch m) =>
        !m.Nested && m.Entry.MaxCueWeight > 0 && m.Entry.MaxCueWeight < 2 && (m.Entry.Tags & (NotCause | Tag.Stop)) == 0;

    private static bool IsSpecific(PhraseEntry e) =>
        (e.MaxCueWeight >= 2 && (e.Tags & NotCause) == 0) || (e.Tags & Tag.Detail) != 0;

    private void Release()
    {
        if (Normalized.Length > 0)
        {
            ArrayPool<char>.Shared.Return(Normalized);
            ArrayPool<int>.Shared.Return(Map);
        }

        Normalized = [];
        Map = [];
        Text = "";
        if (_raw.Capacity > 4096)
        {
            _raw.Clear();
            _raw.Capacity = 64;
            Matches.Clear();
            Matches.Capacity = 64;
        }
    }

    /// <summary>The counter of a one-bit tag: its bit number.</summary>
    internal static int Slot(Tag tag) => BitOperations.TrailingZeroCount((ulong)tag);

    /// <summary>Orders matches by start; on one start the longer phrase first: "kontaktversuche" over "*versuche"
    /// grown to the whole word. The matcher finds them by their end, so a dozen or so matches are nearly in order:
    /// an insertion sort (stable, no comparer calls).</summary>
    private static void SortByStartThenLongest(Span<PhraseMatch> matches)
    {
        for (var i = 1; i < matches.Length; i++)
        {
            var m = matches[i];
            var j = i - 1;
            while (j >= 0 && Before(m, matches[j]))
            {
                matches[j + 1] = matches[j];
                j--;
            }

            matches[j + 1] = m;
        }

        static bool Before(PhraseMatch x, PhraseMatch y) =>
            x.Start != y.Start ? x.Start < y.Start
            : x.End != y.End ? x.End > y.End
            : x.Entry.Length > y.Entry.Length;
    }
}
