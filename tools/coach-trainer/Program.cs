using System.Globalization;
using Headway.CoachTrainer;
using Headway.NoteCoach;
using Headway.NoteCoach.Analysis;
using Headway.NoteCoach.Languages;

// Trains and checks the note coach's learned L2 model (see src/Headway.NoteCoach/Languages/README.md).
//
//   train --out FILE --blend W --plausible P --train FILES...
//                  train on the labelled notes and the taxonomy's names and definitions, write the model
//   cv --blend W1,W2,... --plausible P1,P2,... --train FILES... --hold FILES...
//                  leave each --hold file out in turn: train on the rest, measure the coach on the file left out,
//                  once per blend weight (0 = cues only) and plausible probability (1 = the model never vouches)
//   eval --files FILES...
//                  measure the shipped coach on labelled notes, per language (grade, recall, L2, false mismatches)
//   explain [--l1 L1] [--l2 L2] --text TEXT...
//                  grade each text and show what the coach read in it: the phrases found with their tags and
//                  cues, the counts of unexplained words, cues and figures, the findings
var command = args.FirstOrDefault();
var options = Options.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "train":
        {
            var notes = Trainer.TrainingNotes(options.Files("train"));
            var model = Trainer.Train(notes, options.Numbers("blend")[0], options.Numbers("plausible")[0]);
            var output = options.Single("out");
            await using (var file = File.Create(output))
            {
                Save(model, file);
            }

            Console.WriteLine($"{notes.Count} notes, {model.Rows} buckets with weights, languages {string.Join(",", model.Languages)}, blend {model.BlendWeight}: {output} ({new FileInfo(output).Length:N0} bytes)");
            return 0;
        }

    case "cv":
        {
            var always = Trainer.TrainingNotes(options.Files("train"));
            var held = options.Files("hold").ToList();
            var settings = options.Numbers("blend").SelectMany(b => options.Numbers("plausible").Select(p => (Blend: b, Plausible: p))).ToList();
            var tallies = settings.ToDictionary(b => b, _ => new SortedDictionary<string, Tally>(StringComparer.Ordinal));
            var profiles = LanguageProfileLoader.LoadAll(typeof(Coach).Assembly, Taxonomy.Data, out var workloads);
            foreach (var file in held)
            {
                var rest = always.Concat(Trainer.Load(held.Where(h => h != file))).ToList();
                var model = Trainer.Train(rest, 1, 1);
                var test = Trainer.Load([file]);
                foreach (var setting in settings)
                {
                    var coach = new Coach(profiles, workloads, setting.Blend == 0 ? null : Trainer.WithBlend(model, setting.Blend, setting.Plausible));
                    foreach (var note in test)
                    {
                        var tallyOf = tallies[setting];
                        if (!tallyOf.TryGetValue(note.Language, out var t))
                        {
                            tallyOf[note.Language] = t = new Tally();
                        }

                        var result = coach.Analyze(new NoteInput(note.Text, note.L1, note.L2));
                        t.Add(note, result);
                        if (options.Has("show") && setting == settings[^1] && note.L2 == note.PointsTo && result.Findings.Any(f => f.Code == "L2Mismatch"))
                        {
                            Console.WriteLine($"  false L2Mismatch {note.Id} [{note.L2}] suggested {result.Suggested?.L2}: {note.Text}");
                        }
                    }
                }

                Console.Error.WriteLine($"left out {Path.GetFileName(file)}");
            }

            foreach (var (setting, byLanguage) in tallies)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"blend {setting.Blend}, plausible {setting.Plausible}:"));
                foreach (var (language, t) in byLanguage)
                {
                    Console.WriteLine($"  {language}: {t}");
                }

                Console.WriteLine($"  all: {byLanguage.Values.Aggregate(new Tally(), (sum, t) => sum.Plus(t))}");
            }

            return 0;
        }

    case "eval":
        {
            var byLanguage = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
            foreach (var note in Trainer.Load(options.Files("files")))
            {
                if (!byLanguage.TryGetValue(note.Language, out var t))
                {
                    byLanguage[note.Language] = t = new Tally();
                }

                t.Add(note, Coach.Default.Analyze(new NoteInput(note.Text, note.L1, note.L2)));
            }

            foreach (var (language, t) in byLanguage)
            {
                Console.WriteLine($"  {language}: {t}");
            }

            return 0;
        }

    case "explain":
        {
            var l1 = options.Has("l1") ? options.Single("l1") : null;
            var l2 = options.Has("l2") ? options.Single("l2") : null;
            foreach (var text in options.Files("text"))
            {
                Console.WriteLine(Explainer.Explain(Coach.Default, new NoteInput(text, l1, l2)));
            }

            return 0;
        }

    default:
        Console.Error.WriteLine("usage: train --out FILE --blend W --plausible P --train FILES... | cv --blend W1,W2 --plausible P1,P2 --train FILES... --hold FILES... | eval --files FILES... | explain [--l1 L1] [--l2 L2] --text TEXT...");
        return 2;
}

static void Save(L2Model model, Stream stream)
{
    var rows = model.WeightRows();
    L2Model.Write(stream, model.Classes, model.Languages, model.BlendWeight, model.Plausible, model.Bias, rows);
}

/// <summary>Agreement of the coach with the labels of one language.</summary>
internal sealed class Tally
{
    private int _notes, _grades, _expected, _recalled, _pointing, _pointed, _rightL2, _falseMismatch;

    public void Add(LabelledNote note, CoachResult result)
    {
        _notes++;
        _grades += string.Equals(result.Grade.ToString(), note.Grade, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        var reported = result.Findings.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var code in note.Findings.Distinct(StringComparer.Ordinal))
        {
            _expected++;
            _recalled += reported.Contains(code) ? 1 : 0;
        }

        if (note.PointsTo is { } l2)
        {
            _pointing++;
            _pointed += result.Suggested?.L2 == l2 ? 1 : 0;
        }

        if (note.L2 is not null && note.L2 == note.PointsTo)
        {
            _rightL2++;
            _falseMismatch += reported.Contains("L2Mismatch") ? 1 : 0;
        }
    }

    public Tally Plus(Tally other)
    {
        _notes += other._notes;
        _grades += other._grades;
        _expected += other._expected;
        _recalled += other._recalled;
        _pointing += other._pointing;
        _pointed += other._pointed;
        _rightL2 += other._rightL2;
        _falseMismatch += other._falseMismatch;
        return this;
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"grade {(double)_grades / _notes:F3} ({_grades}/{_notes}), recall {(double)_recalled / Math.Max(1, _expected):F3}, L2 top-1 {(double)_pointed / Math.Max(1, _pointing):F3} ({_pointed}/{_pointing}), false L2Mismatch {_falseMismatch}/{_rightL2}");
}

/// <summary>Command-line options: <c>--name value...</c>; values before any name are files.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var o = new Options();
        var name = "";
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                o._values.TryAdd(name, []);
                continue;
            }

            if (!o._values.TryGetValue(name, out var list))
            {
                o._values[name] = list = [];
            }

            list.Add(arg);
        }

        return o;
    }

    public IEnumerable<string> Files(string name) => _values.GetValueOrDefault(name) ?? [];

    public bool Has(string name) => _values.ContainsKey(name);

    public string Single(string name) =>
        _values.TryGetValue(name, out var v) && v.Count == 1 ? v[0] : throw new ArgumentException($"--{name} needs one value.");

    public double[] Numbers(string name) =>
        [.. Single(name).Split(',').Select(b => double.Parse(b, CultureInfo.InvariantCulture))];
}
