using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Tests;

/// <summary>
/// The phrase automaton against the plainest search there is: every phrase tried at every position of the text, with
/// the same word-boundary and open-side rules. Phrases and texts come from a few letters, so phrases overlap, nest and
/// share prefixes and suffixes: the failure links and the outputs they inherit are exercised on every run.
/// </summary>
public class PhraseMatcherTests
{
    private static readonly Gen<string> Phrase =
        Gen.Elements("a", "b", "c", " ", "é", "客", "户").ArrayOf().Where(p => p.Length is > 0 and < 7).Select(p => string.Concat(p))
            .Where(p => p.Trim().Length > 0);

    private static readonly Gen<(string Phrase, bool OpenLeft, bool OpenRight)> Entry =
        Phrase.SelectMany(p => Gen.Choose(0, 3).Select(open => (p.Trim(), (open & 1) != 0, (open & 2) != 0)));

    private static readonly Gen<string> Text =
        Gen.Elements("a", "b", "c", " ", "é", "客", "户", "1", ".").ArrayOf().Where(t => t.Length < 40).Select(t => string.Concat(t));

    [Property(MaxTest = 500)]
    public Property FindAll_FindsWhatAPlainSearchFinds() =>
        Prop.ForAll(Entry.ArrayOf().Where(e => e.Length is > 0 and < 12).ToArbitrary(), Text.ToArbitrary(), (raw, text) =>
        {
            var entries = Entries(raw);
            var matcher = PhraseMatcher.Build(entries);
            var found = new List<PhraseMatch>();
            matcher.FindAll(text, found);
            var expected = PlainSearch(entries, text);
            return Describe(found).SequenceEqual(Describe(expected));
        });

    [Fact]
    public void FindAll_FollowsFailureLinksIntoShorterPhrases()
    {
        // CJK characters have no word boundaries. "客户口" fails after "客户" into "户", which leads on to "户口";
        // "客户端" holds "户端" and "端" as outputs of its last state.
        var entries = Entries([("客户端", false, false), ("户口", false, false), ("户端", false, false), ("端", false, false)]);
        var found = new List<PhraseMatch>();
        PhraseMatcher.Build(entries).FindAll("客户口 客户端", found);

        Assert.Equal(["客户端@4-7", "户口@1-3", "户端@5-7", "端@6-7"], Describe(found));
    }

    [Fact]
    public void Build_RefusesAVocabularyLargerThanTheStatesItCanNumber()
    {
        // 8,000 phrases that part after their first few characters need some 80,000 states.
        var entries = Enumerable.Range(0, 8000)
            .Select(i => new string([.. i.ToString("D4", CultureInfo.InvariantCulture).Reverse()]) + "qrstuvwxyz")
            .Select(p => new PhraseEntry(p) { Length = p.Length })
            .ToList();

        var e = Assert.Throws<InvalidOperationException>(() => PhraseMatcher.Build(entries));
        Assert.Contains("at most 65,534", e.Message, StringComparison.Ordinal);
    }

    private static List<PhraseEntry> Entries(IEnumerable<(string Phrase, bool OpenLeft, bool OpenRight)> raw)
    {
        var byPhrase = new Dictionary<string, PhraseEntry>(StringComparer.Ordinal);
        foreach (var (phrase, openLeft, openRight) in raw)
        {
            if (!byPhrase.TryGetValue(phrase, out var entry))
            {
                entry = byPhrase[phrase] = new PhraseEntry(phrase)
                {
                    Length = phrase.Length,
                    LeftBoundary = TextNormalizer.IsWordChar(phrase[0]),
                    RightBoundary = TextNormalizer.IsWordChar(phrase[^1]),
                };
            }

            entry.LeftBoundary &= !openLeft;
            entry.RightBoundary &= !openRight;
        }

        return [.. byPhrase.Values];
    }

    private static List<PhraseMatch> PlainSearch(List<PhraseEntry> entries, string text)
    {
        var found = new List<PhraseMatch>();
        for (var end = 1; end <= text.Length; end++)
        {
            foreach (var e in entries)
            {
                var start = end - e.Length;
                if (start < 0 || string.CompareOrdinal(text, start, e.Phrase, 0, e.Length) != 0)
                {
                    continue;
                }

                if ((e.LeftBoundary && start > 0 && TextNormalizer.IsWordChar(text[start - 1]))
                    || (e.RightBoundary && end < text.Length && TextNormalizer.IsWordChar(text[end])))
                {
                    continue;
                }

                var (s, t) = (start, end);
                while (!e.RightBoundary && TextNormalizer.IsWordChar(text[end - 1]) && t < text.Length && TextNormalizer.IsWordChar(text[t]))
                {
                    t++;
                }

                while (!e.LeftBoundary && TextNormalizer.IsWordChar(text[start]) && s > 0 && TextNormalizer.IsWordChar(text[s - 1]))
                {
                    s--;
                }

                found.Add(new PhraseMatch(s, t, e));
            }
        }

        return found;
    }

    // Order within one end position is the automaton's own (longest phrase first); compare as sorted lists.
    private static List<string> Describe(IEnumerable<PhraseMatch> matches) =>
        [.. matches.Select(m => $"{m.Entry.Phrase}@{m.Start}-{m.End}").Order(StringComparer.Ordinal)];
}
