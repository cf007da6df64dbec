using System.Reflection;
using System.Text.Json;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Languages;

/// <summary>
/// One language's data, loaded from the embedded files under <c>Languages/{lang}/</c> and
/// <c>Languages/common/</c>: vocabulary categories, L2 cue lexicons, thresholds and
/// segmentation data. Everything a non-programmer tunes lives in those files.
/// </summary>
internal sealed class LanguageProfile
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private LanguageProfile(string code) => Code = code;

    public string Code { get; }

    public PhraseMatcher Matcher { get; private set; } = null!;

    /// <summary>True for languages written with spaces between words (en, de).</summary>
    public bool WordBased { get; private set; } = true;

    /// <summary>Sentences a good note may have.</summary>
    public int MaxSentences { get; private set; } = 2;

    /// <summary>Sentences tolerated when they are short.</summary>
    public int ToleratedSentences { get; private set; } = 3;

    /// <summary>Text elements above which a note is too long whatever its sentences.</summary>
    public int MaxTextElements { get; private set; } = 300;

    /// <summary>Text elements up to which three sentences are tolerated.</summary>
    public int MaxTextElementsForTolerated { get; private set; } = 220;

    /// <summary>Chatter phrases (funding, speculation) that make a note of this many sentences too long.</summary>
    public int ChatterSentences { get; private set; } = 3;

    /// <summary>Content characters that count as one word (1 for spaced scripts, about 2 for CJK).</summary>
    public double CharsPerWord { get; private set; } = 1;

    /// <summary>Unexplained content words that make a reason specific enough without a known cue.</summary>
    public double SpecificContentWords { get; private set; } = 3;

    /// <summary>Detail score (strong cues + content words / <see cref="SpecificContentWords"/>) a specific reason reaches.</summary>
    public double SpecificDetail { get; private set; } = 2;

    /// <summary>Content words needed for an In Progress note to say more than its status.</summary>
    public double ProgressDetailWords { get; private set; } = 2;

    /// <summary>Content words after which a note without status words is not "logistics only".</summary>
    public double SubstantiveContentWords { get; private set; } = 4;

    /// <summary>Margin by which a suggested L2 must beat the chosen one to report a mismatch.</summary>
    public double MismatchMargin { get; private set; } = 2;

    /// <summary>Minimum cue score for a suggestion to be made at all.</summary>
    public double MinSuggestionScore { get; private set; } = 1;

    /// <summary>Abbreviations whose dots do not end a sentence, lower case with their dots.</summary>
    public string[] Abbreviations { get; private set; } = [];

    /// <summary>Each abbreviation dot, indexed by the lower-case letter just before it.</summary>
    public IReadOnlyDictionary<char, (string Abbreviation, int Dot)[]> AbbreviationDots { get; private set; } = new Dictionary<char, (string, int)[]>();

    /// <summary>Function words that identify the language in Latin text.</summary>
    public HashSet<string> FunctionWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Characters that point to this language among Han-only text.</summary>
    public string DetectionChars { get; private set; } = "";

    public static IReadOnlyDictionary<string, LanguageProfile> LoadAll(Assembly assembly, out IReadOnlyDictionary<string, string[]> workloadNames)
    {
        var files = new Dictionary<string, JsonDocument>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var logical = name.Replace('\\', '/');
            if (!logical.StartsWith("Languages/", StringComparison.Ordinal) || !logical.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            files[logical] = JsonDocument.Parse(stream, Options);
        }

        var workloads = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (files.TryGetValue("Languages/common/workloads.json", out var wl))
        {
            foreach (var p in wl.RootElement.EnumerateObject())
            {
                if (p.Name.StartsWith('_'))
                {
                    continue;
                }

                var names = new List<string> { p.Name };
                foreach (var n in p.Value.EnumerateArray())
                {
                    names.Add(n.GetString()!);
                }

                workloads[p.Name] = [.. names];
            }
        }

        workloadNames = workloads;
        var result = new Dictionary<string, LanguageProfile>(StringComparer.Ordinal);
        foreach (var code in new[] { "en", "zh", "de", "ja" })
        {
            var profile = new LanguageProfile(code);
            var entries = new Dictionary<string, PhraseEntry>(StringComparer.Ordinal);
            foreach (var folder in new[] { "common", code })
            {
                foreach (var (path, doc) in files)
                {
                    if (!path.StartsWith($"Languages/{folder}/", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var file = path[(path.LastIndexOf('/') + 1)..];
                    switch (file)
                    {
                        case "cues.json":
                            LoadCues(doc.RootElement, entries);
                            break;
                        case "settings.json":
                            profile.LoadSettings(doc.RootElement, entries);
                            break;
                        case "workloads.json":
                            foreach (var names in workloads.Values)
                            {
                                foreach (var n in names)
                                {
                                    Add(entries, n, Tag.Workload);
                                }
                            }

                            break;
                        default:
                            LoadVocabulary(doc.RootElement, entries);
                            break;
                    }
                }
            }

            foreach (var e in entries.Values)
            {
                foreach (var (_, w) in e.Cues)
                {
                    e.MaxCueWeight = Math.Max(e.MaxCueWeight, w);
                }
            }

            profile.Matcher = PhraseMatcher.Build(entries.Values);
            profile.IndexAbbreviations();
            result[code] = profile;
        }

        // Latin-script detection also counts every single word of the language's own vocabulary
        // that the other Latin language does not share, so the data files teach detection too.
        var own = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var code in new[] { "en", "de" })
        {
            var words = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, doc) in files)
            {
                if (path.StartsWith($"Languages/{code}/", StringComparison.Ordinal) && !path.EndsWith("settings.json", StringComparison.Ordinal))
                {
                    CollectWords(doc.RootElement, words);
                }
            }

            own[code] = words;
        }

        foreach (var w in own["en"])
        {
            if (!own["de"].Contains(w))
            {
                result["en"].FunctionWords.Add(w);
            }
        }

        foreach (var w in own["de"])
        {
            if (!own["en"].Contains(w))
            {
                result["de"].FunctionWords.Add(w);
            }
        }

        result["en"].FunctionWords.ExceptWith(own["de"]);
        result["de"].FunctionWords.ExceptWith(own["en"]);

        foreach (var doc in files.Values)
        {
            doc.Dispose();
        }

        return result;
    }

    private void IndexAbbreviations()
    {
        var index = new Dictionary<char, List<(string, int)>>();
        foreach (var a in Abbreviations)
        {
            for (var p = a.IndexOf('.', StringComparison.Ordinal); p > 0; p = a.IndexOf('.', p + 1))
            {
                var key = a[p - 1];
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = [];
                }

                list.Add((a, p));
            }
        }

        AbbreviationDots = index.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static void CollectWords(JsonElement element, HashSet<string> words)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name.StartsWith('_'))
                    {
                        continue;
                    }

                    AddWord(p.Name, words);
                    CollectWords(p.Value, words);
                }

                break;
            case JsonValueKind.Array:
                foreach (var v in element.EnumerateArray())
                {
                    CollectWords(v, words);
                }

                break;
            case JsonValueKind.String:
                AddWord(element.GetString()!, words);
                break;
        }
    }

    private static void AddWord(string phrase, HashSet<string> words)
    {
        if (phrase.Length < 3)
        {
            return;
        }

        foreach (var c in phrase)
        {
            if (!char.IsLetter(c) || c > '\u024F')
            {
                return;
            }
        }

        words.Add(phrase.ToLowerInvariant());
    }

    private static void LoadVocabulary(JsonElement root, Dictionary<string, PhraseEntry> entries)
    {
        foreach (var category in root.EnumerateObject())
        {
            if (category.Name.StartsWith('_') || category.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            if (!Enum.TryParse<Tag>(category.Name, ignoreCase: true, out var tag))
            {
                throw new InvalidDataException($"Unknown vocabulary category '{category.Name}'.");
            }

            foreach (var phrase in category.Value.EnumerateArray())
            {
                Add(entries, phrase.GetString()!, tag);
            }
        }
    }

    private static void LoadCues(JsonElement root, Dictionary<string, PhraseEntry> entries)
    {
        foreach (var l2 in root.EnumerateObject())
        {
            if (l2.Name.StartsWith('_'))
            {
                continue;
            }

            var index = Taxonomy.L2Index(l2.Name);
            if (index < 0)
            {
                throw new InvalidDataException($"Unknown L2 '{l2.Name}' in cues.");
            }

            foreach (var cue in l2.Value.EnumerateObject())
            {
                var entry = Add(entries, cue.Name, Tag.None);
                if (entry is not null)
                {
                    entry.Cues.Add((index, cue.Value.GetDouble()));
                }
            }
        }
    }

    private void LoadSettings(JsonElement root, Dictionary<string, PhraseEntry> entries)
    {
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "wordBased": WordBased = p.Value.GetBoolean(); break;
                case "maxSentences": MaxSentences = p.Value.GetInt32(); break;
                case "toleratedSentences": ToleratedSentences = p.Value.GetInt32(); break;
                case "maxTextElements": MaxTextElements = p.Value.GetInt32(); break;
                case "maxTextElementsForTolerated": MaxTextElementsForTolerated = p.Value.GetInt32(); break;
                case "chatterSentences": ChatterSentences = p.Value.GetInt32(); break;
                case "charsPerWord": CharsPerWord = p.Value.GetDouble(); break;
                case "specificContentWords": SpecificContentWords = p.Value.GetDouble(); break;
                case "progressDetailWords": ProgressDetailWords = p.Value.GetDouble(); break;
                case "specificDetail": SpecificDetail = p.Value.GetDouble(); break;
                case "substantiveContentWords": SubstantiveContentWords = p.Value.GetDouble(); break;
                case "mismatchMargin": MismatchMargin = p.Value.GetDouble(); break;
                case "minSuggestionScore": MinSuggestionScore = p.Value.GetDouble(); break;
                case "abbreviations":
                    var list = new List<string>(Abbreviations);
                    foreach (var a in p.Value.EnumerateArray())
                    {
                        list.Add(a.GetString()!.ToLowerInvariant());
                    }

                    Abbreviations = [.. list];
                    break;
                case "functionWords":
                    foreach (var w in p.Value.EnumerateArray())
                    {
                        FunctionWords.Add(w.GetString()!.ToLowerInvariant());
                    }

                    break;
                case "detectionChars": DetectionChars += p.Value.GetString(); break;
                case "numberWords":
                    foreach (var n in p.Value.EnumerateObject())
                    {
                        var e = Add(entries, n.Name, Tag.Number);
                        if (e is not null)
                        {
                            e.Number = n.Value.GetInt32();
                        }
                    }

                    break;
                default:
                    if (!p.Name.StartsWith('_'))
                    {
                        throw new InvalidDataException($"Unknown setting '{p.Name}'.");
                    }

                    break;
            }
        }
    }

    private static PhraseEntry? Add(Dictionary<string, PhraseEntry> entries, string raw, Tag tag)
    {
        var text = raw.Trim();
        var openLeft = text.StartsWith('*');
        var openRight = text.EndsWith('*');
        text = text.Trim('*');
        var phrase = TextNormalizer.NormalizePhrase(text);
        if (phrase.Length == 0)
        {
            return null;
        }

        // One entry per phrase: listing it in several categories merges the tags, and a
        // listing with a wildcard opens that side for all of them.
        if (!entries.TryGetValue(phrase, out var entry))
        {
            entry = new PhraseEntry(phrase)
            {
                Length = phrase.Length,
                LeftBoundary = TextNormalizer.IsWordChar(phrase[0]),
                RightBoundary = TextNormalizer.IsWordChar(phrase[^1]),
            };
            entries[phrase] = entry;
        }

        if (openLeft)
        {
            entry.LeftBoundary = false;
        }

        if (openRight)
        {
            entry.RightBoundary = false;
        }

        entry.Tags |= tag;
        return entry;
    }
}
