using System.Globalization;

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
    private readonly ushort[] _rootNext;
    private readonly State[] _states;
    private readonly TransitionTable _next;
    private readonly PhraseEntry[] _outputs;

    private PhraseMatcher(Dictionary<long, int> next, int[] fail, int[] outStart, PhraseEntry[] outputs, int[] rootNext)
    {
        if (fail.Length >= ushort.MaxValue)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The vocabulary needs {fail.Length:N0} matcher states; at most {ushort.MaxValue - 1:N0} fit."));
        }

        _next = new TransitionTable(next);
        _states = new State[fail.Length + 1];
        for (var s = 0; s < fail.Length; s++)
        {
            _states[s].Fail = fail[s];
            _states[s].OutStart = outStart[s];
        }

        _states[fail.Length].OutStart = outStart[fail.Length];
        foreach (var key in next.Keys)
        {
            _states[(int)(key >> 16)].ChildMask |= 1UL << (int)(key & 63);
        }

        _outputs = outputs;
        _rootNext = [.. rootNext.Select(to => (ushort)to)];
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
        var states = _states;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            while (true)
            {
                if (state == 0)
                {
                    state = _rootNext[c];
                    break;
                }

                // Most states have one or a few children: a bit per character class rules out most
                // misses before the table is read.
                ref readonly var info = ref states[state];
                if ((info.ChildMask & (1UL << (c & 63))) != 0 && _next.TryGetValue((uint)(state << 16) | c, out var to))
                {
                    state = to;
                    break;
                }

                state = info.Fail;
            }

            if (state == 0)
            {
                continue;
            }

            for (var o = states[state].OutStart; o < states[state + 1].OutStart; o++)
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

    /// <summary>What the matcher reads of a state, side by side: the characters its children may start
    /// with (one bit per <c>c &amp; 63</c>), its failure state and where its outputs begin.</summary>
    private struct State
    {
        public ulong ChildMask;
        public int Fail;
        public int OutStart;
    }
}

/// <summary>
/// Open-addressing hash of (state, character) → state: the goto function of the automaton below
/// the root, cheaper per lookup than a general dictionary on the hot path. A key is the state in
/// the high 16 bits and the character in the low 16; a slot is eight bytes.
/// </summary>
internal sealed class TransitionTable
{
    private const uint Empty = uint.MaxValue;
    private readonly Slot[] _slots;
    private readonly int _shift;

    public TransitionTable(Dictionary<long, int> source)
    {
        var capacity = 16;
        while (capacity < source.Count * 2)
        {
            capacity <<= 1;
        }

        _shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
        _slots = new Slot[capacity];
        Array.Fill(_slots, new Slot(Empty, 0));
        var mask = capacity - 1;
        foreach (var (key, value) in source)
        {
            var packed = (uint)key;
            var slot = SlotOf(packed);
            while (_slots[slot].Key != Empty)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = new Slot(packed, value);
        }
    }

    public bool TryGetValue(uint key, out int value)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var slot = SlotOf(key);
        while (true)
        {
            var s = slots[slot];
            if (s.Key == key)
            {
                value = s.Value;
                return true;
            }

            if (s.Key == Empty)
            {
                value = 0;
                return false;
            }

            slot = (slot + 1) & mask;
        }
    }

    private int SlotOf(uint key) => (int)((key * 0x9E3779B9u) >> _shift);

    private readonly record struct Slot(uint Key, int Value);
}
