using System.Text.Json;
using Headway.NoteCoach.Analysis;
using Headway.NoteCoach.Languages;

namespace Headway.CoachTrainer;

/// <summary>A labelled note: its language, text, the L2 its writer chose, and the L2 the text points to (null: none).</summary>
internal sealed record LabelledNote(string Id, string Language, string Text, string? L1, string? L2, string Grade, string[] Findings, string? PointsTo);

/// <summary>
/// Trains the coach's L2 model: multinomial logistic regression over the n-gram buckets of
/// <see cref="L2Model.Featurize"/>, by AdaGrad with an L2 penalty, in a fixed order, so the same notes always give
/// the same weights.
/// </summary>
internal static class Trainer
{
    /// <summary>Training settings; the defaults are the ones the shipped model was trained with.</summary>
    public sealed record Options(int Epochs = 30, double LearningRate = 0.5, double Penalty = 1e-5, int Seed = 17);

    /// <summary>Reads labelled notes from JSON lines files (the test sets' format).</summary>
    public static List<LabelledNote> Load(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var notes = new List<LabelledNote>();
        foreach (var file in files)
        {
            var number = 0;
            foreach (var raw in File.ReadLines(file))
            {
                number++;
                if (string.IsNullOrWhiteSpace(raw))
                {
                    continue;
                }

                var root = JsonDocument.Parse(raw).RootElement;
                string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
                var findings = root.TryGetProperty("findings", out var fs) && fs.ValueKind == JsonValueKind.Array
                    ? fs.EnumerateArray().Select(f => f.GetString() ?? "").ToArray()
                    : [];
                notes.Add(new LabelledNote(
                    Str("id") ?? $"{Path.GetFileName(file)}:{number}", Str("lang") ?? Path.GetFileNameWithoutExtension(file), Str("text") ?? "",
                    Str("l1"), Str("l2"), Str("grade") ?? "", findings, Str("suggestedL2")));
            }
        }

        return notes;
    }

    /// <summary>The training notes: the labelled notes of the files, and the taxonomy's own words.</summary>
    public static List<LabelledNote> TrainingNotes(IEnumerable<string> files) => [.. Load(files), .. TaxonomyNotes()];

    /// <summary>
    /// The taxonomy's own words as labelled notes: each L2's name and definition in every language the file has,
    /// pointing to that L2 (the Domain's <c>taxonomy.json</c>, embedded in the coach).
    /// </summary>
    public static List<LabelledNote> TaxonomyNotes()
    {
        using var stream = typeof(Headway.NoteCoach.Coach).Assembly.GetManifestResourceStream("Taxonomy/taxonomy.json")
            ?? throw new InvalidDataException("The coach carries no taxonomy.json.");
        using var document = JsonDocument.Parse(stream);
        var notes = new List<LabelledNote>();
        foreach (var l1 in document.RootElement.GetProperty("l1").EnumerateArray())
        {
            foreach (var l2 in l1.GetProperty("l2").EnumerateArray())
            {
                var code = l2.GetProperty("code").GetString()!;
                foreach (var part in new[] { "name", "definition" })
                {
                    if (!l2.TryGetProperty(part, out var texts))
                    {
                        continue;
                    }

                    foreach (var text in texts.EnumerateObject())
                    {
                        var language = text.Name.Split('-')[0];
                        notes.Add(new LabelledNote($"taxonomy:{code}:{part}:{language}", language, text.Value.GetString() ?? "", null, code, "", [], code));
                    }
                }
            }
        }

        return notes;
    }

    /// <summary>The classes of a model: the taxonomy's L2 codes in its order, then the none class.</summary>
    public static string[] Classes() => [.. Headway.NoteCoach.Taxonomy.L2Codes, L2Model.NoneClass];

    /// <summary>Trains on the notes and returns the model, which adds <paramref name="blendWeight"/> times its probabilities.</summary>
    public static L2Model Train(IReadOnlyList<LabelledNote> notes, double blendWeight, double plausible, Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var o = options ?? new Options();
        var classes = Classes();
        var k = classes.Length;
        var profiles = LanguageProfileLoader.LoadAll(typeof(Headway.NoteCoach.Coach).Assembly, Headway.NoteCoach.Taxonomy.Data, out _);
        var examples = new List<(int[] Buckets, float[] Values, int Label)>();
        foreach (var note in notes)
        {
            if (!profiles.TryGetValue(note.Language, out var profile))
            {
                continue;
            }

            var label = note.PointsTo is null ? k - 1 : Array.IndexOf(classes, note.PointsTo);
            if (label < 0)
            {
                throw new InvalidDataException($"{note.Id}: '{note.PointsTo}' is not an L2 of the taxonomy.");
            }

            var (buckets, values) = Features(note.Text, profile);
            examples.Add((buckets, values, label));
        }

        var weights = new double[L2Model.Buckets * k];
        var squares = new double[L2Model.Buckets * k];
        var bias = new double[k];
        var biasSquares = new double[k];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(o.Seed);
        var p = new double[k];
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var (buckets, values, label) = examples[index];
                for (var c = 0; c < k; c++)
                {
                    p[c] = bias[c];
                }

                for (var i = 0; i < buckets.Length; i++)
                {
                    var row = buckets[i] * k;
                    for (var c = 0; c < k; c++)
                    {
                        p[c] += weights[row + c] * values[i];
                    }
                }

                Softmax(p);
                for (var c = 0; c < k; c++)
                {
                    var g = p[c] - (c == label ? 1 : 0);
                    biasSquares[c] += g * g;
                    bias[c] -= o.LearningRate * g / (Math.Sqrt(biasSquares[c]) + 1e-8);
                    for (var i = 0; i < buckets.Length; i++)
                    {
                        var at = (buckets[i] * k) + c;
                        var gw = (g * values[i]) + (o.Penalty * weights[at]);
                        squares[at] += gw * gw;
                        weights[at] -= o.LearningRate * gw / (Math.Sqrt(squares[at]) + 1e-8);
                    }
                }
            }
        }

        var rows = new Dictionary<int, float[]>();
        for (var bucket = 0; bucket < L2Model.Buckets; bucket++)
        {
            var row = new float[k];
            var any = false;
            for (var c = 0; c < k; c++)
            {
                row[c] = (float)weights[(bucket * k) + c];
                any |= row[c] != 0;
            }

            if (any)
            {
                rows[bucket] = row;
            }
        }

        var languages = notes.Select(n => n.Language).Where(profiles.ContainsKey).Distinct().Order(StringComparer.Ordinal).ToArray();
        using var stream = new MemoryStream();
        L2Model.Write(stream, classes, languages, blendWeight, plausible, [.. bias.Select(b => (float)b)], rows);
        stream.Position = 0;
        return L2Model.Read(stream);
    }

    /// <summary>The same model with another blend weight and plausible probability.</summary>
    public static L2Model WithBlend(L2Model model, double blendWeight, double plausible)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = model.WeightRows();
        return new L2Model(model.Classes, model.Languages, blendWeight, plausible, model.Bias.ToArray(), rows);
    }

    /// <summary>A note's buckets and their values: counts over the square root of the note's n-grams.</summary>
    private static (int[] Buckets, float[] Values) Features(string text, LanguageProfile profile)
    {
        var f = NoteFeatures.Rent();
        try
        {
            f.Compute(text, profile);
            var normalized = f.Normalized.AsSpan(0, f.NormalizedLength);
            var buckets = new int[L2Model.MaxFeatures(normalized.Length)];
            var count = L2Model.Featurize(normalized, buckets);
            var counts = new SortedDictionary<int, int>();
            for (var i = 0; i < count; i++)
            {
                counts[buckets[i]] = counts.GetValueOrDefault(buckets[i]) + 1;
            }

            var scale = count == 0 ? 0 : 1 / MathF.Sqrt(count);
            return ([.. counts.Keys], [.. counts.Values.Select(v => v * scale)]);
        }
        finally
        {
            NoteFeatures.Return(f);
        }
    }

    private static void Softmax(double[] p)
    {
        var max = p.Max();
        var sum = 0.0;
        for (var c = 0; c < p.Length; c++)
        {
            p[c] = Math.Exp(p[c] - max);
            sum += p[c];
        }

        for (var c = 0; c < p.Length; c++)
        {
            p[c] /= sum;
        }
    }
}
