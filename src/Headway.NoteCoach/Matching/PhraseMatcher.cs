namespace Headway.NoteCoach.Matching;

/// <summary>What one vocabulary phrase carries: its tags, its L2 cue weights and a number value.</summary>
internal sealed class PhraseEntry
{
    public PhraseEntry(string phrase) => Phrase = phrase;

    public string Phrase { get; }

    public Tag Tags { get; set; }

    /// <summary>L2 index → weight pairs, flattened (index, weight, index, weight…).</summary>
    public List<(int L2, double Weight)> Cues { get; } = [];

    public int Number { get; set; } = -1;

    public bool LeftBoundary { get; set; }

    public bool RightBoundary { get; set; }

    public int Length { get; set; }

    public double MaxCueWeight { get; set; }
}

/// <summary>A phrase found in the normalized text: [Start, End) in normalized positions.</summary>
/// <remarks><see cref="ExtraTags"/> is the entry's tags for a top-level match; for a match nested in a
/// longer phrase it holds only the tags the longer phrase lacks (its cues then do not count again).</remarks>
internal readonly record struct PhraseMatch(int Start, int End, PhraseEntry Entry, Tag ExtraTags = Tag.None, bool Nested = false);

/// <summary>
/// Aho–Corasick automaton over normalized (lower-cased) text. Built once per language; matching
/// allocates nothing beyond the caller's result list. Phrases written with a leading or trailing
/// <c>*</c> in the data files may match inside a longer word (German compounds, inflections);
/// other Latin phrases must sit on word boundaries.
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly int[] _rootNext;
    private readonly TransitionTable _next;
    private readonly int[] _fail;
    private readonly int[] _outStart;
    private readonly PhraseEntry[] _outputs;

    private PhraseMatcher(Dictionary<long, int> next, int[] fail, int[] outStart, PhraseEntry[] outputs, int[] rootNext)
    {
        _next = new TransitionTable(next);
        _fail = fail;
        _outStart = outStart;
        _outputs = outputs;
        _rootNext = rootNext;
    }

    public int EntryCount { get; private init; }

    public static PhraseMatcher Build(IReadOnlyCollection<PhraseEntry> entries)
    {
        var next = new Dictionary<long, int>();
        var terminal = new List<List<PhraseEntry>?> { null };
        var depthChars = new List<char> { '\0' };
        foreach (var entry in entries)
        {
            var state = 0;
            foreach (var c in entry.Phrase)
            {
                var key = ((long)state << 16) | c;
                if (!next.TryGetValue(key, out var to))
                {
                    to = terminal.Count;
                    terminal.Add(null);
                    depthChars.Add(c);
                    next[key] = to;
                }

                state = to;
            }

            (terminal[state] ??= []).Add(entry);
        }

        var count = terminal.Count;
        var children = new List<(char C, int To)>[count];
        foreach (var (key, to) in next)
        {
            var from = (int)(key >> 16);
            (children[from] ??= []).Add(((char)(key & 0xFFFF), to));
        }

        var fail = new int[count];
        var rootNext = new int[char.MaxValue + 1];
        var queue = new Queue<int>();
        if (children[0] is { } rootChildren)
        {
            foreach (var (c, to) in rootChildren)
            {
                rootNext[c] = to;
                fail[to] = 0;
                queue.Enqueue(to);
            }
        }

        var order = new List<int>();
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            order.Add(s);
            if (children[s] is not { } kids)
            {
                continue;
            }

            foreach (var (c, to) in kids)
            {
                var f = fail[s];
                while (true)
                {
                    var found = f == 0 ? rootNext[c] : (next.TryGetValue(((long)f << 16) | c, out var t) ? t : 0);
                    if (found != 0 && found != to)
                    {
                        fail[to] = found;
                        break;
                    }

                    if (f == 0)
                    {
                        fail[to] = 0;
                        break;
                    }

                    f = fail[f];
                }

                queue.Enqueue(to);
            }
        }

        // Outputs of a state = its own phrases + outputs of its failure state (BFS order makes the latter ready).
        var outLists = new List<PhraseEntry>[count];
        outLists[0] = [];
        foreach (var s in order)
        {
            var list = new List<PhraseEntry>();
            if (terminal[s] is { } own)
            {
                list.AddRange(own);
            }

            list.AddRange(outLists[fail[s]]);
            outLists[s] = list;
        }

        var outStart = new int[count + 1];
        var flat = new List<PhraseEntry>();
        for (var s = 0; s < count; s++)
        {
            outStart[s] = flat.Count;
            if (outLists[s] is { } l)
            {
                flat.AddRange(l);
            }
        }

        outStart[count] = flat.Count;
        return new PhraseMatcher(next, fail, outStart, [.. flat], rootNext) { EntryCount = entries.Count };
    }

    /// <summary>Finds every phrase occurrence in <paramref name="text"/> that respects its word boundaries.</summary>
    public void FindAll(ReadOnlySpan<char> text, List<PhraseMatch> results)
    {
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            while (true)
            {
                int to;
                if (state == 0)
                {
                    to = _rootNext[c];
                    state = to;
                    break;
                }

                if (_next.TryGetValue(((long)state << 16) | c, out to))
                {
                    state = to;
                    break;
                }

                state = _fail[state];
            }

            if (state == 0)
            {
                continue;
            }

            for (var o = _outStart[state]; o < _outStart[state + 1]; o++)
            {
                var e = _outputs[o];
                var start = i + 1 - e.Length;
                if (e.LeftBoundary && start > 0 && TextNormalizer.IsWordChar(text[start - 1]))
                {
                    continue;
                }

                if (e.RightBoundary && i + 1 < text.Length && TextNormalizer.IsWordChar(text[i + 1]))
                {
                    continue;
                }

                // An open side covers the rest of its word ("migrat*" covers "migration"), so the
                // ending is not left over as a word the vocabulary does not explain.
                var end = i + 1;
                if (!e.RightBoundary && e.Length > 0 && TextNormalizer.IsWordChar(text[i]))
                {
                    while (end < text.Length && TextNormalizer.IsWordChar(text[end]))
                    {
                        end++;
                    }
                }

                if (!e.LeftBoundary && e.Length > 0 && TextNormalizer.IsWordChar(text[start]))
                {
                    while (start > 0 && TextNormalizer.IsWordChar(text[start - 1]))
                    {
                        start--;
                    }
                }

                results.Add(new PhraseMatch(start, end, e));
            }
        }
    }
}

/// <summary>
/// Open-addressing hash of (state, character) → state: the goto function of the automaton below
/// the root, cheaper per lookup than a general dictionary on the hot path.
/// </summary>
internal sealed class TransitionTable
{
    private readonly long[] _keys;
    private readonly int[] _values;
    private readonly int _shift;

    public TransitionTable(Dictionary<long, int> source)
    {
        var capacity = 16;
        while (capacity < source.Count * 2)
        {
            capacity <<= 1;
        }

        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _keys = new long[capacity];
        _values = new int[capacity];
        Array.Fill(_keys, -1L);
        var mask = capacity - 1;
        foreach (var (key, value) in source)
        {
            var slot = Slot(key);
            while (_keys[slot] != -1L)
            {
                slot = (slot + 1) & mask;
            }

            _keys[slot] = key;
            _values[slot] = value;
        }
    }

    public bool TryGetValue(long key, out int value)
    {
        var mask = _keys.Length - 1;
        var slot = Slot(key);
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                value = _values[slot];
                return true;
            }

            if (k == -1L)
            {
                value = 0;
                return false;
            }

            slot = (slot + 1) & mask;
        }
    }

    private int Slot(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> _shift);
}
