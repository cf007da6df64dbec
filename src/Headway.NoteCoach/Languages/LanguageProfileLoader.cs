using System.Reflection;
using System.Text.Json;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Languages;

/// <summary>
/// Reads the embedded files under <c>Languages/</c> into one <see cref="LanguageProfile"/> per
/// note language: vocabulary and cues become the phrase matcher, settings become thresholds,
/// and the Latin languages' own words teach language detection.
/// </summary>
internal static class LanguageProfileLoader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Loads every language from the JSON files embedded in <paramref name="assembly"/>.</summary>
    public static IReadOnlyDictionary<string, LanguageProfile> LoadAll(Assembly assembly, out IReadOnlyDictionary<string, string[]> workloadNames)
    {
        var files = new Dictionary<string, JsonDocument>(StringComparer.OrdinalIgnoreCase);
        try
        {
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

            return Load(files, out workloadNames);
        }
        finally
        {
            foreach (var doc in files.Values)
            {
                doc.Dispose();
            }
        }
    }

    /// <summary>
    /// Builds every language from parsed files keyed by logical path (<c>Languages/en/settings.json</c>),
    /// in the order given: where two files touch the same phrase, the later one adds to it.
    /// </summary>
    public static IReadOnlyDictionary<string, LanguageProfile> Load(IReadOnlyDictionary<string, JsonDocument> files, out IReadOnlyDictionary<string, string[]> workloadNames)
    {
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
                            LoadSettings(path, doc.RootElement, profile, entries);
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

        return result;
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

    private static void LoadSettings(string path, JsonElement root, LanguageProfile profile, Dictionary<string, PhraseEntry> entries)
    {
        LanguageSettings settings;
        try
        {
            settings = LanguageSettings.Read(root);
        }
        catch (JsonException e)
        {
            // Some serializer messages name the key only in Path (a number word given twice).
            var at = e.Path is { } key && !e.Message.Contains(key, StringComparison.Ordinal) ? $" Path: {key}" : "";
            throw new InvalidDataException($"{path}: {e.Message}{at}", e);
        }

        profile.Apply(settings);
        foreach (var (word, value) in settings.NumberWords ?? [])
        {
            var entry = Add(entries, word, Tag.Number);
            if (entry is not null)
            {
                entry.Number = value;
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
