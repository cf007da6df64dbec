using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Languages;

/// <summary>
/// One language's data, as <see cref="LanguageProfileLoader"/> reads it from the files under
/// <c>Languages/{lang}/</c> and <c>Languages/common/</c>: the phrase matcher built from the
/// vocabulary and cue lexicons, thresholds and segmentation data. Everything a non-programmer
/// tunes lives in those files.
/// </summary>
internal sealed class LanguageProfile
{
    public LanguageProfile(string code) => Code = code;

    public string Code { get; }

    public PhraseMatcher Matcher { get; set; } = null!;

    /// <summary>Cue phrases of weight ≥ 2 per L2 (by taxonomy index), the language's own and the common ones.</summary>
    public int[] StrongCues { get; set; } = [];

    /// <summary>True for languages written with spaces between words; they are told apart by their words.</summary>
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

    /// <summary>
    /// True where a condition's clause comes before its marker ("合并完成之后再"), false where it follows
    /// ("until the merger completes").
    /// </summary>
    public bool ConditionFirst { get; private set; }

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

    /// <summary>Function words that identify the language in Latin text (its settings' list: the strongest sign).</summary>
    public HashSet<string> FunctionWords { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The single words of the language's own vocabulary that no other word-based language shares: a weaker sign than a
    /// function word, since vocabulary holds loanwords a note in another language uses too ("User", "Feature").
    /// </summary>
    public HashSet<string> VocabularyWords { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Endings of compound or derived words that point to this language in Latin text ("…probleme", "…ung"), matched
    /// only on a longer word, so that "problem" alone says nothing while "Netzwerkproblem" does.
    /// </summary>
    public string[] WordEndings { get; private set; } = [];

    /// <summary>Characters that point to this language: among Han-only text, or letters such as ä, ß in Latin text.</summary>
    public string DetectionChars { get; private set; } = "";

    /// <summary>Words joining the items of a list written without separators, normalized (see <c>listJoiners</c>).</summary>
    public string[] ListJoiners { get; private set; } = [];

    /// <summary>What may end a list item before its joiner, normalized.</summary>
    public string[] ListItemTails { get; private set; } = [];

    /// <summary>Words after a list's last item that say "and so on", normalized.</summary>
    public string[] ListClosers { get; private set; } = [];

    /// <summary>Letters and how they are written without them ("ä" → "ae"), from the settings.</summary>
    public Dictionary<string, string> Transliterations { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the language writes kana, which then decides for it in CJK text.</summary>
    public bool WritesKana { get; private set; }

    /// <summary>The language detection chooses when nothing points elsewhere.</summary>
    public string FallbackLanguage { get; private set; } = "";

    /// <summary>
    /// Applies one settings file over what is already set: a value given replaces the current one,
    /// abbreviations, function words and detection characters add to the current ones.
    /// </summary>
    public void Apply(LanguageSettings settings)
    {
        WordBased = settings.WordBased ?? WordBased;
        MaxSentences = settings.MaxSentences ?? MaxSentences;
        ToleratedSentences = settings.ToleratedSentences ?? ToleratedSentences;
        MaxTextElements = settings.MaxTextElements ?? MaxTextElements;
        MaxTextElementsForTolerated = settings.MaxTextElementsForTolerated ?? MaxTextElementsForTolerated;
        ChatterSentences = settings.ChatterSentences ?? ChatterSentences;
        CharsPerWord = settings.CharsPerWord ?? CharsPerWord;
        SpecificContentWords = settings.SpecificContentWords ?? SpecificContentWords;
        SpecificDetail = settings.SpecificDetail ?? SpecificDetail;
        ProgressDetailWords = settings.ProgressDetailWords ?? ProgressDetailWords;
        ConditionFirst = settings.ConditionFirst ?? ConditionFirst;
        SubstantiveContentWords = settings.SubstantiveContentWords ?? SubstantiveContentWords;
        MismatchMargin = settings.MismatchMargin ?? MismatchMargin;
        MinSuggestionScore = settings.MinSuggestionScore ?? MinSuggestionScore;
        DetectionChars += settings.DetectionChars;
        WritesKana = settings.WritesKana ?? WritesKana;
        foreach (var (letter, spelling) in settings.Transliterations ?? [])
        {
            Transliterations[letter] = spelling;
        }

        FallbackLanguage = settings.FallbackLanguage ?? FallbackLanguage;
        ListJoiners = Phrases(settings.ListJoiners) ?? ListJoiners;
        ListItemTails = Phrases(settings.ListItemTails) ?? ListItemTails;
        ListClosers = Phrases(settings.ListClosers) ?? ListClosers;
        foreach (var w in settings.FunctionWords ?? [])
        {
            FunctionWords.Add(w.ToLowerInvariant());
        }

        AddWordEndings(settings.WordEndings ?? []);

        if (settings.Abbreviations is { } abbreviations)
        {
            Abbreviations = [.. Abbreviations, .. abbreviations.Select(a => a.ToLowerInvariant())];
            AbbreviationDots = IndexDots(Abbreviations);
        }
    }

    private static string[]? Phrases(IReadOnlyList<string>? phrases) =>
        phrases is null ? null : [.. phrases.Select(Matching.TextNormalizer.NormalizePhrase).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Adds word endings (lower-cased) that are not known yet.</summary>
    public void AddWordEndings(IEnumerable<string> endings) =>
        WordEndings = [.. WordEndings.Union(endings.Select(e => e.ToLowerInvariant()), StringComparer.Ordinal)];

    private static Dictionary<char, (string Abbreviation, int Dot)[]> IndexDots(string[] abbreviations)
    {
        var index = new Dictionary<char, List<(string, int)>>();
        foreach (var a in abbreviations)
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

        return index.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
