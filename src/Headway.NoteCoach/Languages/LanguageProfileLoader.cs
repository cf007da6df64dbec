using System.Reflection;
using System.Text.Json;
using Headway.Domain.Languages;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Languages;

/// <summary>
/// Reads the embedded files under <c>Languages/</c> into one <see cref="LanguageProfile"/> per
/// note language: vocabulary and cues become the phrase matcher, settings become thresholds,
/// and the Latin languages' own words teach language detection.
/// </summary>
internal static class LanguageProfileLoader
{
    /// <summary>Products notes name that are no workload of the catalogue ("Copilot", "Power BI"): mentions, not content.</summary>
    private static IEnumerable<string> OtherProducts(JsonElement workloads) =>
        workloads.TryGetProperty("_otherProducts", out var names) ? names.EnumerateArray().Select(n => n.GetString()!) : [];

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Loads every language from the JSON files embedded in <paramref name="assembly"/>.</summary>
    public static IReadOnlyDictionary<string, LanguageProfile> LoadAll(Assembly assembly, TaxonomyData taxonomy, out IReadOnlyDictionary<string, string[]> workloadNames)
    {
        var files = ReadEmbedded(assembly);
        try
        {
            return Load(files, taxonomy, out workloadNames);
        }
        finally
        {
            foreach (var doc in files.Values)
            {
                doc.Dispose();
            }
        }
    }

    /// <summary>The language files embedded in <paramref name="assembly"/>, parsed, by logical path; the caller disposes them.</summary>
    public static Dictionary<string, JsonDocument> ReadEmbedded(Assembly assembly)
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

        return files;
    }

    /// <summary>
    /// What the languages lack for the taxonomy: an L2 without a cue of weight 2 or more, or an L1/L2 without a name
    /// in a UI language. Empty when every language can suggest and check every status.
    /// </summary>
    public static IReadOnlyList<string> Gaps(IReadOnlyDictionary<string, LanguageProfile> profiles, TaxonomyData taxonomy, IEnumerable<string> uiLanguages)
    {
        var gaps = new List<string>();
        foreach (var profile in profiles.Values.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            for (var l2 = 0; l2 < taxonomy.L2Codes.Length; l2++)
            {
                if (l2 >= profile.StrongCues.Length || profile.StrongCues[l2] == 0)
                {
                    gaps.Add($"{profile.Code}: no cue of weight 2 or more for L2 {taxonomy.L2Codes[l2]} (cues.json)");
                }
            }
        }

        foreach (var ui in uiLanguages)
        {
            foreach (var (code, names) in taxonomy.Names)
            {
                if (!names.TryGetValue(ui, out var name) || string.IsNullOrWhiteSpace(name))
                {
                    gaps.Add($"{ui}: no name for {code} (taxonomy.json)");
                }
            }
        }

        return gaps;
    }

    /// <summary>
    /// Builds every language from parsed files keyed by logical path (<c>Languages/en/settings.json</c>),
    /// in the order given: where two files touch the same phrase, the later one adds to it.
    /// </summary>
    public static IReadOnlyDictionary<string, LanguageProfile> Load(IReadOnlyDictionary<string, JsonDocument> files, out IReadOnlyDictionary<string, string[]> workloadNames) =>
        Load(files, Taxonomy.Data, out workloadNames);

    /// <summary>As above, against the given taxonomy: its codes key the cues, its names are status phrases.</summary>
    public static IReadOnlyDictionary<string, LanguageProfile> Load(IReadOnlyDictionary<string, JsonDocument> files, TaxonomyData taxonomy, out IReadOnlyDictionary<string, string[]> workloadNames)
    {
        var workloads = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (files.TryGetValue("Languages/common/workloads.json", out var wl))
        {
            foreach (var p in wl.RootElement.EnumerateObject())
            {
                if (p.Name.StartsWith('_'))
                {
                    // Only the comment and the other products: a misspelt key would drop its names without a word.
                    if (p.Name is not ("_comment" or "_otherProducts"))
                    {
                        throw new InvalidDataException($"Languages/common/workloads.json: unknown key \"{p.Name}\" (only \"_comment\" and \"_otherProducts\" start with '_').");
                    }

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
        foreach (var code in LanguagesIn(files))
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
                            LoadCues(path, doc.RootElement, taxonomy, entries);
                            break;
                        case "settings.json":
                            LoadSettings(path, doc.RootElement, profile, entries);
                            break;
                        case "workloads.json":
                            foreach (var n in workloads.Values.SelectMany(names => names).Concat(OtherProducts(doc.RootElement)))
                            {
                                Add(entries, n, Tag.Workload);
                            }

                            break;
                        default:
                            LoadVocabulary(doc.RootElement, entries);
                            break;
                    }
                }
            }

            AddStatusNames(taxonomy, code, entries);
            AddTransliterations(profile, entries);
            profile.StrongCues = new int[taxonomy.L2Codes.Length];
            foreach (var e in entries.Values)
            {
                foreach (var (l2, w) in e.Cues)
                {
                    e.MaxCueWeight = Math.Max(e.MaxCueWeight, w);
                    if (w >= 2)
                    {
                        profile.StrongCues[l2]++;
                    }
                }
            }

            profile.Matcher = PhraseMatcher.Build(entries.Values);
            result[code] = profile;
        }

        // Latin-script detection also counts every single word of a word-based language's own vocabulary
        // that no other word-based language shares, so the data files teach detection too.
        var own = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var profile in result.Values.Where(p => p.WordBased))
        {
            var words = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, doc) in files)
            {
                if (path.StartsWith($"Languages/{profile.Code}/", StringComparison.Ordinal) && !path.EndsWith("settings.json", StringComparison.Ordinal))
                {
                    CollectWords(doc.RootElement, words);
                }
            }

            foreach (var word in words.ToList())
            {
                words.Add(Transliterate(word, profile.Transliterations));
            }

            own[profile.Code] = words;
        }

        foreach (var (code, words) in own)
        {
            var others = own.Where(o => o.Key != code).SelectMany(o => o.Value).ToHashSet(StringComparer.Ordinal);
            var functionWords = result[code].FunctionWords;
            foreach (var w in functionWords.ToList())
            {
                functionWords.Add(Transliterate(w, result[code].Transliterations));
            }

            result[code].AddWordEndings(result[code].WordEndings.Select(e => Transliterate(e, result[code].Transliterations)));

            functionWords.ExceptWith(others);
            result[code].VocabularyWords.UnionWith(words.Where(w => !others.Contains(w) && !functionWords.Contains(w)));
        }

        return result;
    }

    /// <summary>The note languages: every folder under <c>Languages/</c> but <c>common</c>, in ordinal order.</summary>
    public static IEnumerable<string> LanguagesIn(IReadOnlyDictionary<string, JsonDocument> files) =>
        files.Keys
            .Select(path => path.Split('/'))
            .Where(parts => parts.Length == 3 && parts[0] == "Languages" && parts[1] != "common")
            .Select(parts => parts[1])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

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

    /// <summary>
    /// Each L1 and L2 name of the taxonomy, in the language, is a status phrase: a note that only names its status
    /// restates it. A name the vocabulary already gives a statement meaning ("no intent", "blocked") keeps that
    /// meaning, and a name that is itself a strong cue of its own L2 ("Migration", "迁移") stays that cue.
    /// </summary>
    private static void AddStatusNames(TaxonomyData taxonomy, string language, Dictionary<string, PhraseEntry> entries)
    {
        const Tag Statements = Tag.NoIntent | Tag.Blocked | Tag.WontDeploy | Tag.UnknownIntent | Tag.Unresponsive | Tag.Duplicate | Tag.Restate;
        // The UI language of a note language ("zh" is read in "zh-Hans"); a language without UI names has none.
        var ui = UiLanguageNames.Normalize(language);
        ui = ui.StartsWith(language, StringComparison.OrdinalIgnoreCase) ? ui : language;
        foreach (var (code, names) in taxonomy.Names)
        {
            if (!names.TryGetValue(language, out var name) && !names.TryGetValue(ui, out name))
            {
                continue;
            }

            var phrase = TextNormalizer.NormalizePhrase(name.Trim());
            if (entries.TryGetValue(phrase, out var known) && (known.Tags & Statements) != 0)
            {
                continue;
            }

            var l2 = taxonomy.L2Index(code);
            if (l2 >= 0 && IsOwnStrongCue(phrase, l2, entries))
            {
                continue;
            }

            Add(entries, name, Tag.Status);
        }
    }

    /// <summary>
    /// Every phrase with a letter the settings transliterate ("läuft") is also known in the other spelling ("laeuft"),
    /// with the same meaning and cues: people type ae, oe, ue on keyboards without umlauts.
    /// </summary>
    private static void AddTransliterations(LanguageProfile profile, Dictionary<string, PhraseEntry> entries)
    {
        if (profile.Transliterations.Count == 0)
        {
            return;
        }

        foreach (var entry in entries.Values.ToList())
        {
            var spelt = Transliterate(entry.Phrase, profile.Transliterations);
            if (spelt == entry.Phrase)
            {
                continue;
            }

            var variant = Add(entries, (entry.LeftBoundary ? "" : "*") + spelt + (entry.RightBoundary ? "" : "*"), entry.Tags);
            if (variant is null || ReferenceEquals(variant, entry))
            {
                continue;
            }

            foreach (var cue in entry.Cues)
            {
                if (!variant.Cues.Contains(cue))
                {
                    variant.Cues.Add(cue);
                }
            }

            variant.Number = variant.Number < 0 ? entry.Number : variant.Number;
        }
    }

    internal static string Transliterate(string text, IReadOnlyDictionary<string, string> transliterations)
    {
        foreach (var (letter, spelling) in transliterations)
        {
            text = text.Replace(letter, spelling, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Whether a phrase (a whole single word or the exact phrase) is covered by a cue of weight ≥ 2 for the L2.</summary>
    private static bool IsOwnStrongCue(string phrase, int l2, Dictionary<string, PhraseEntry> entries)
    {
        foreach (var e in entries.Values)
        {
            var strong = false;
            foreach (var (index, weight) in e.Cues)
            {
                strong |= index == l2 && weight >= 2;
            }

            if (!strong)
            {
                continue;
            }

            // A wildcard covers one Latin word ("migrat*" covers "migration"); CJK phrases match anywhere, so only
            // the exact phrase counts there.
            var oneWord = phrase.All(TextNormalizer.IsWordChar);
            if (e.Phrase == phrase
                || (oneWord && !e.RightBoundary && phrase.StartsWith(e.Phrase, StringComparison.Ordinal))
                || (oneWord && !e.LeftBoundary && phrase.EndsWith(e.Phrase, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static void LoadCues(string path, JsonElement root, TaxonomyData taxonomy, Dictionary<string, PhraseEntry> entries)
    {
        foreach (var l2 in root.EnumerateObject())
        {
            if (l2.Name.StartsWith('_'))
            {
                continue;
            }

            var index = taxonomy.L2Index(l2.Name);
            if (index < 0)
            {
                throw new InvalidDataException($"{path}: '{l2.Name}' is not an L2 of the taxonomy.");
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

        if (settings.WordEndings?.FirstOrDefault(e => string.IsNullOrWhiteSpace(e) || e.Contains('*', StringComparison.Ordinal)) is { } wrong)
        {
            throw new InvalidDataException($"{path}: wordEndings: \"{wrong}\" is no word ending (letters only, no '*').");
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
