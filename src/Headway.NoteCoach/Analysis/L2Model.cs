using System.Buffers;
using System.Buffers.Binary;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Headway.NoteCoach.Analysis;

/// <summary>
/// A linear model over the note's words and CJK characters that says which L2 the text points to, trained offline on
/// labelled notes by <c>tools/coach-trainer</c> and shipped as <c>Languages/common/l2-model.bin</c>. Its probabilities
/// are added to the cue lexicons' scores, so phrasings no cue lists (typos, abbreviations, plain statements of a
/// situation) still point somewhere. The weights are read once; scoring a note allocates nothing.
/// </summary>
/// <remarks>
/// Features (<see cref="Featurize"/>): of the normalized note (<see cref="Matching.TextNormalizer"/>), the words, their
/// first five letters and the pairs of words, and the CJK characters and pairs of them, hashed into 2^16 buckets.
/// A note's feature vector is the count of each bucket over the square root of its features. Few features per note
/// and a small table keep the model within a microsecond per note.
/// </remarks>
internal sealed class L2Model
{
    /// <summary>The bits of an n-gram's bucket number.</summary>
    public const int BucketBits = 16;

    /// <summary>Buckets an n-gram may fall into.</summary>
    public const int Buckets = 1 << BucketBits;

    /// <summary>The class that stands for "the text points to no L2".</summary>
    public const string NoneClass = "-";

    private const uint Magic = 0x324C5748; // "HWL2", little endian
    private const int Version = 1;

    // Bucket -> row + 1 in _weights, 0 when the bucket has no weights. The weights are kept as they are stored:
    // signed bytes, times _quantum, each row padded to _stride (32) bytes so that one vector adds it.
    private readonly ushort[] _rowOf;
    private readonly sbyte[] _weights;
    private readonly int _stride;
    private readonly float _quantum;
    private readonly float[] _bias;

    // Class -> the taxonomy's L2 index, -1 for the none class (or an L2 the taxonomy no longer has).
    private readonly int[] _l2Index;

    public L2Model(IReadOnlyList<string> classes, IReadOnlyList<string> languages, double blendWeight, double plausible, float[] bias, IReadOnlyDictionary<int, float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Length != classes.Count)
        {
            throw new ArgumentException($"{bias.Length} biases for {classes.Count} classes.", nameof(bias));
        }

        Classes = [.. classes];
        _l2Index = [.. Classes.Select(Taxonomy.L2Index)];
        Languages = [.. languages];
        BlendWeight = blendWeight;
        Plausible = plausible;
        _bias = bias;
        _rowOf = new ushort[Buckets];
        _quantum = Quantum(rows.Values);
        _stride = (Classes.Length + 31) / 32 * 32;
        var kept = rows.Where(r => r.Value.Any(w => MathF.Round(w / _quantum) != 0)).OrderBy(r => r.Key).ToList();
        if (kept.Count >= ushort.MaxValue)
        {
            throw new InvalidDataException($"An L2 model holds at most {ushort.MaxValue - 1} rows, not {kept.Count}.");
        }

        _weights = new sbyte[kept.Count * _stride];
        var row = 0;
        foreach (var (bucket, weights) in kept)
        {
            _rowOf[bucket] = (ushort)(row + 1);
            for (var c = 0; c < Classes.Length; c++)
            {
                _weights[(row * _stride) + c] = (sbyte)Math.Clamp(MathF.Round(weights[c] / _quantum), -127, 127);
            }

            row++;
        }
    }

    // The step of the stored weights: the largest weight over 127.
    private static float Quantum(IEnumerable<float[]> rows)
    {
        var largest = rows.SelectMany(w => w).Select(MathF.Abs).DefaultIfEmpty(0).Max();
        return largest == 0 ? 1 : largest / 127;
    }

    /// <summary>The model's classes: L2 codes, and <see cref="NoneClass"/>.</summary>
    public string[] Classes { get; }

    /// <summary>The note languages it was trained on; notes of other languages are left to the cues.</summary>
    public string[] Languages { get; }

    /// <summary>How much a probability of 1 adds to an L2's cue score.</summary>
    public double BlendWeight { get; }

    /// <summary>
    /// The probability at which the model finds the writer's chosen L2 plausible: the coach then does not say it
    /// does not match, however strongly the cues point elsewhere.
    /// </summary>
    public double Plausible { get; }

    /// <summary>Buckets that carry weights.</summary>
    public int Rows => _weights.Length / _stride;

    /// <summary>The rows as the trainer and <see cref="Write"/> take them.</summary>
    public Dictionary<int, float[]> WeightRows()
    {
        var rows = new Dictionary<int, float[]>(Rows);
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            if (_rowOf[bucket] != 0)
            {
                rows[bucket] = WeightsOf(bucket);
            }
        }

        return rows;
    }

    /// <summary>The weights of one bucket (zero when it has none), for the trainer's checks.</summary>
    public float[] WeightsOf(int bucket)
    {
        var weights = new float[Classes.Length];
        if (_rowOf[bucket] != 0)
        {
            var row = _weights.AsSpan((_rowOf[bucket] - 1) * _stride, Classes.Length);
            for (var c = 0; c < weights.Length; c++)
            {
                weights[c] = row[c] * _quantum;
            }
        }

        return weights;
    }

    public ReadOnlySpan<float> Bias => _bias;

    /// <summary>
    /// Writes the feature buckets of a normalized note into <paramref name="buckets"/> (at least
    /// <see cref="MaxFeatures"/> of its length) and returns how many there are. Words of letters (digits read as 0)
    /// give themselves, their first five letters and the pair with the word before; CJK characters and kana give
    /// themselves and the pair with the character before. Everything else separates words.
    /// </summary>
    public static int Featurize(ReadOnlySpan<char> normalized, Span<int> buckets)
    {
        var count = 0;
        uint previousWord = 0;
        var previousChar = '\0';
        var i = 0;
        while (i < normalized.Length)
        {
            var c = Fold(normalized[i]);
            if (c == ' ')
            {
                previousChar = '\0';
                i++;
                continue;
            }

            if (c >= '\u2E80')
            {
                buckets[count++] = Bucket(Mix(Mix(Seed, c), 1));
                if (previousChar != '\0')
                {
                    buckets[count++] = Bucket(Mix(Mix(Mix(Seed, previousChar), c), 2));
                }

                previousChar = c;
                previousWord = 0;
                i++;
                continue;
            }

            // A word: letters and digits up to the next other character.
            var h = Seed;
            var prefix = Seed;
            var length = 0;
            while (i < normalized.Length)
            {
                c = Fold(normalized[i]);
                if (c == ' ' || c >= '\u2E80')
                {
                    break;
                }

                h = Mix(h, c);
                if (length < 5)
                {
                    prefix = h;
                }

                length++;
                i++;
            }

            buckets[count++] = Bucket(Mix(h, 3));
            if (length > 5)
            {
                buckets[count++] = Bucket(Mix(prefix, 4));
            }

            if (previousWord != 0)
            {
                buckets[count++] = Bucket(Mix(h ^ (previousWord * 31), 5));
            }

            previousWord = h;
            previousChar = '\0';
        }

        return count;
    }

    /// <summary>The most buckets <see cref="Featurize"/> writes for a normalized note of this length.</summary>
    public static int MaxFeatures(int normalizedLength) => 3 * (normalizedLength + 1);

    private const uint Seed = 2166136261u;

    private static uint Mix(uint h, uint c) => (h ^ c) * 16777619u;

    private static int Bucket(uint h) => (int)((h ^ (h >> 15)) & (Buckets - 1));

    // Letters and CJK as they are, digits as 0, anything else a separator. Kana and the common ideographs (U+3040 to
    // U+9FFF) are taken as letters without a look-up.
    private static char Fold(char c) =>
        c < 128
            ? (c is >= 'a' and <= 'z' ? c : c is >= '0' and <= '9' ? '0' : c is >= 'A' and <= 'Z' ? (char)(c + 32) : ' ')
            : c is >= '\u3040' and <= '\u9FFF' ? c
            : char.IsDigit(c) ? '0' : char.IsLetter(c) ? c : ' ';

    /// <summary>Whether the model was trained on notes of this language.</summary>
    public bool Covers(string language) => Array.IndexOf(Languages, language) >= 0;

    /// <summary>The probability of each class for a normalized note, written into <paramref name="probabilities"/>.</summary>
    public void Predict(ReadOnlySpan<char> normalized, Span<float> probabilities)
    {
        var size = MaxFeatures(normalized.Length);
        int[]? rented = null;
        var buckets = size <= 512 ? stackalloc int[size] : (rented = ArrayPool<int>.Shared.Rent(size));
        try
        {
            var count = Featurize(normalized, buckets);
            var k = Classes.Length;
            Span<int> sums = stackalloc int[_stride];
            Sum(buckets[..count], sums);
            var logits = probabilities[..k];
            var scale = count == 0 ? 0f : _quantum / MathF.Sqrt(count);
            var max = float.MinValue;
            for (var c = 0; c < k; c++)
            {
                logits[c] = (sums[c] * scale) + _bias[c];
                max = Math.Max(max, logits[c]);
            }

            var sum = 0f;
            for (var c = 0; c < k; c++)
            {
                logits[c] = MathF.Exp(logits[c] - max);
                sum += logits[c];
            }

            for (var c = 0; c < k; c++)
            {
                logits[c] /= sum;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    // Adds the weight rows of the buckets into sums: 32 signed bytes at a time, widened to shorts, which are added
    // into the int sums every 256 rows, before 256 × 127 could overflow a short.
    private void Sum(ReadOnlySpan<int> buckets, Span<int> sums)
    {
        if (_stride != 32 || !Vector256.IsHardwareAccelerated)
        {
            foreach (var bucket in buckets)
            {
                var row = _rowOf[bucket];
                if (row != 0)
                {
                    var rowWeights = _weights.AsSpan((row - 1) * _stride, _stride);
                    for (var c = 0; c < rowWeights.Length; c++)
                    {
                        sums[c] += rowWeights[c];
                    }
                }
            }

            return;
        }

        Span<short> partial = stackalloc short[32];
        ReadOnlySpan<sbyte> weights = _weights;
        for (var start = 0; start < buckets.Length; start += 256)
        {
            var low = Vector256<short>.Zero;
            var high = Vector256<short>.Zero;
            foreach (var bucket in buckets.Slice(start, Math.Min(256, buckets.Length - start)))
            {
                var row = _rowOf[bucket];
                if (row != 0)
                {
                    var (l, h) = Vector256.Widen(Vector256.Create<sbyte>(weights.Slice((row - 1) * 32, 32)));
                    low += l;
                    high += h;
                }
            }

            low.CopyTo(partial);
            high.CopyTo(partial[16..]);
            for (var c = 0; c < 32; c++)
            {
                sums[c] += partial[c];
            }
        }
    }

    /// <summary>
    /// Writes each L2's probability, and adds <see cref="BlendWeight"/> times it to the score of each L2 the model finds
    /// at least <see cref="Plausible"/>. A note the model cannot place (its probabilities spread thin, or on "none")
    /// adds nothing, so text that points nowhere still gets no suggestion.
    /// </summary>
    public void AddTo(ReadOnlySpan<char> normalized, Span<double> l2Scores, Span<double> l2Probabilities)
    {
        Span<float> p = stackalloc float[Classes.Length];
        Predict(normalized, p);
        l2Probabilities.Clear();
        for (var c = 0; c < p.Length; c++)
        {
            if (_l2Index[c] >= 0)
            {
                l2Probabilities[_l2Index[c]] = p[c];
                if (p[c] >= Plausible)
                {
                    l2Scores[_l2Index[c]] += BlendWeight * p[c];
                }
            }
        }
    }

    /// <summary>Reads the model the coach ships, or null when the assembly carries none.</summary>
    public static L2Model? LoadEmbedded(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream("Languages/common/l2-model.bin");
        return stream is null ? null : Read(stream);
    }

    /// <summary>Reads a model written by <see cref="Write"/>; a file cut short or not a model is refused.</summary>
    public static L2Model Read(Stream stream)
    {
        try
        {
            return ReadModel(stream);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("l2-model.bin is cut short.", e);
        }
    }

    private static L2Model ReadModel(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException("l2-model.bin is not an L2 model of this version.");
        }

        var classes = reader.ReadString().Split(',');
        var languages = reader.ReadString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var blend = reader.ReadDouble();
        var plausible = reader.ReadDouble();
        var bias = new float[classes.Length];
        for (var c = 0; c < bias.Length; c++)
        {
            bias[c] = reader.ReadSingle();
        }

        var quantum = reader.ReadSingle();
        var count = reader.ReadInt32();
        if (count is < 0 or > Buckets)
        {
            throw new InvalidDataException($"l2-model.bin claims {count} rows; a model has 0 to {Buckets}.");
        }

        var rows = new Dictionary<int, float[]>(count);
        for (var r = 0; r < count; r++)
        {
            var bucket = reader.ReadInt32();
            if (bucket is < 0 or >= Buckets)
            {
                throw new InvalidDataException($"l2-model.bin names bucket {bucket}, out of range.");
            }

            var buffer = reader.ReadBytes(classes.Length);
            if (buffer.Length != classes.Length)
            {
                throw new InvalidDataException("l2-model.bin is cut short.");
            }

            var weights = new float[classes.Length];
            for (var c = 0; c < weights.Length; c++)
            {
                weights[c] = (sbyte)buffer[c] * quantum;
            }

            rows[bucket] = weights;
        }

        return new L2Model(classes, languages, blend, plausible, bias, rows);
    }

    /// <summary>
    /// Writes the model: a header (classes, languages, blend weight, plausible probability, biases) and one row per bucket whose weights
    /// are not all zero once rounded to the quantum (the largest weight over 127), as signed bytes. Rows come in bucket
    /// order, so the same weights always give the same file.
    /// </summary>
    public static void Write(Stream stream, IReadOnlyList<string> classes, IReadOnlyList<string> languages, double blendWeight, double plausible, ReadOnlySpan<float> bias, IReadOnlyDictionary<int, float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(string.Join(',', classes));
        writer.Write(string.Join(',', languages));
        writer.Write(blendWeight);
        writer.Write(plausible);
        foreach (var b in bias)
        {
            writer.Write(b);
        }

        var quantum = Quantum(rows.Values);
        writer.Write(quantum);
        var kept = new List<(int Bucket, sbyte[] Weights)>();
        foreach (var (bucket, weights) in rows.OrderBy(r => r.Key))
        {
            var q = new sbyte[classes.Count];
            var any = false;
            for (var c = 0; c < q.Length; c++)
            {
                q[c] = (sbyte)Math.Clamp(MathF.Round(weights[c] / quantum), -127, 127);
                any |= q[c] != 0;
            }

            if (any)
            {
                kept.Add((bucket, q));
            }
        }

        writer.Write(kept.Count);
        Span<byte> row = stackalloc byte[4];
        foreach (var (bucket, q) in kept)
        {
            BinaryPrimitives.WriteInt32LittleEndian(row, bucket);
            writer.Write(row);
            writer.Write((ReadOnlySpan<byte>)MemoryMarshal.AsBytes(q.AsSpan()));
        }
    }
}
