using System.Buffers;
using Headway.NoteCoach.Analysis;
using Headway.NoteCoach.Languages;
using Headway.NoteCoach.Matching;
using Headway.NoteCoach.Rules;
using Headway.NoteCoach.Text;

namespace Headway.NoteCoach;

/// <summary>
/// Grades status notes in English, Chinese, German and Japanese against the programme's
/// writing guidance, lists findings with spans, and suggests the status the text points to.
/// Thread-safe; create once (see <see cref="Default"/>).
/// </summary>
public sealed class Coach
{
    private static readonly Lazy<Coach> s_default = new(() => new Coach());

    private readonly IReadOnlyDictionary<string, LanguageProfile> _profiles;
    /// <summary>Each workload's names, lower case, longest first: what a paste key leaves out.</summary>
    private readonly Dictionary<string, string[]> _pasteNames;
    private readonly MessageCatalog _messages;
    private readonly LanguageDetector _detector;
    private readonly string[] _languages;
    private readonly L2Model? _l2Model;

    // Order matters: substance rules judge once (the first that applies wins), style rules always run.
    private readonly INoteRule[] _rules =
    [
        new EmptyNoteRule(),
        new UnfilledPlaceholderRule(),
        new UnresponsiveRule(),
        new EngagementLogisticsRule(),
        new UsageOnlyRule(),
        new DeclinedAssistanceRule(),
        new ReasonRule(),
        new StatusOnlyRule(),
        new VagueTimeWordRule(),
        new TooLongRule(),
        new CovidTagOnPauseRule(),
        new L2MismatchRule(),
    ];

    private Coach()
        : this(LanguageProfileLoader.LoadAll(typeof(Coach).Assembly, Taxonomy.Data, out var workloadNames), workloadNames)
    {
    }

    /// <summary>A coach over the given languages (the embedded ones, or a set built for a test).</summary>
    internal Coach(IReadOnlyDictionary<string, LanguageProfile> profiles, IReadOnlyDictionary<string, string[]> workloadNames)
        : this(profiles, workloadNames, L2Model.LoadEmbedded(typeof(Coach).Assembly))
    {
    }

    /// <summary>A coach over the given languages with the given learned L2 model (none: the cues alone).</summary>
    internal Coach(IReadOnlyDictionary<string, LanguageProfile> profiles, IReadOnlyDictionary<string, string[]> workloadNames, L2Model? l2Model)
    {
        _l2Model = l2Model;
        _profiles = profiles;
        _pasteNames = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (workload, names) in workloadNames)
        {
            _pasteNames[workload] = LongestFirst(names);
        }
        _messages = MessageCatalog.Load(typeof(Coach).Assembly, Taxonomy.Data);
        _detector = new LanguageDetector(profiles);
        _languages = [.. profiles.Keys.Order(StringComparer.Ordinal)];
    }

    internal IReadOnlyDictionary<string, LanguageProfile> Profiles => _profiles;

    /// <summary>The coach with the embedded language data, loaded once.</summary>
    public static Coach Default => s_default.Value;

    /// <summary>Checks one note on its own (and against its L1/L2 when given).</summary>
    /// <param name="input">The note and its context.</param>
    /// <returns>The language used, the grade, the findings and the suggested status.</returns>
    public CoachResult Analyze(NoteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text ?? "";
        var language = ResolveLanguage(input.Language, text);
        var features = NoteFeatures.Rent();
        try
        {
            features.Compute(text, _profiles[language]);
            return Evaluate(input, language, features, pastedWith: null);
        }
        finally
        {
            NoteFeatures.Return(features);
        }
    }

    /// <summary>
    /// The number of contact attempts a note states ("no response to 3 contact attempts", "三次", "dreimal"), read
    /// with the note language's own attempt words and number words, or null when it states none.
    /// </summary>
    /// <param name="text">The note.</param>
    /// <param name="language">Its language, or null to detect it.</param>
    /// <returns>The count, or null.</returns>
    public int? ContactAttempts(string? text, string? language = null)
    {
        var note = text ?? "";
        var features = NoteFeatures.Rent();
        try
        {
            features.Compute(note, _profiles[ResolveLanguage(language, note)]);
            return features.IsEmpty ? null : RuleFacts.AttemptCount(features);
        }
        finally
        {
            NoteFeatures.Return(features);
        }
    }

    /// <summary>
    /// Checks the notes of ONE tenant together: besides each note's own findings, the same note
    /// (ignoring case, whitespace, punctuation and the workload's own name) on two or more
    /// workloads gets <c>PastedAcrossWorkloads</c>, unless it is an unresponsive-customer note.
    /// </summary>
    /// <param name="notes">The tenant's notes, one per workload.</param>
    /// <returns>One result per note, in input order.</returns>
    public IReadOnlyList<CoachResult> AnalyzeTenant(IReadOnlyList<NoteInput> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var keys = new string?[notes.Count];
        var languages = new string[notes.Count];
        var features = new NoteFeatures?[notes.Count];
        var results = new CoachResult[notes.Count];
        try
        {
            // Each note is read once: its features give both the paste key and the grade.
            var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < notes.Count; i++)
            {
                var text = notes[i].Text ?? "";
                languages[i] = ResolveLanguage(notes[i].Language, text);
                var f = features[i] = NoteFeatures.Rent();
                f.Compute(text, _profiles[languages[i]]);
                keys[i] = PasteKey(notes[i], f);
                if (keys[i] is { } k)
                {
                    if (!byKey.TryGetValue(k, out var same))
                    {
                        byKey[k] = same = [];
                    }

                    same.Add(i);
                }
            }

            for (var i = 0; i < notes.Count; i++)
            {
                List<string>? others = null;
                if (keys[i] is { } key && byKey[key] is { Count: > 1 } same)
                {
                    foreach (var j in same)
                    {
                        if (j != i && !SameWorkload(notes[i].Workload, notes[j].Workload))
                        {
                            (others ??= []).Add(notes[j].Workload ?? "?");
                        }
                    }
                }

                results[i] = Evaluate(notes[i], languages[i], features[i]!, others);
            }
        }
        finally
        {
            foreach (var f in features)
            {
                if (f is not null)
                {
                    NoteFeatures.Return(f);
                }
            }
        }

        return results;
    }

    /// <summary>Renders a finding's message in a UI language: "en", "zh-Hans" (or "zh"), "de", "ja"; others fall back to English.</summary>
    /// <param name="finding">The finding.</param>
    /// <param name="uiLanguage">The UI language.</param>
    /// <returns>The message.</returns>
    public string RenderMessage(Finding finding, string uiLanguage)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return _messages.Message(finding, uiLanguage);
    }

    /// <summary>Renders a finding's fix in a UI language, or null when the finding has none.</summary>
    /// <param name="finding">The finding.</param>
    /// <param name="uiLanguage">The UI language.</param>
    /// <returns>The fix, or null.</returns>
    public string? RenderFix(Finding finding, string uiLanguage)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return _messages.Fix(finding, uiLanguage);
    }

    /// <summary>Detects the language of a text: one of the languages under <c>Languages/</c>.</summary>
    internal string DetectLanguage(string text) => _detector.Detect(text ?? "");

    /// <summary>The note languages the coach has data for, by their folder name ("en", "zh", …).</summary>
    public IReadOnlyList<string> Languages => _languages;

    internal bool IsSupportedLanguage(string? language) =>
        language is null || NormalizeLanguage(language) is not null;

    private string? NormalizeLanguage(string language)
    {
        if (language.Length == 0 || language.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return "auto";
        }

        var primary = language.Split('-', '_')[0].ToLowerInvariant();
        return _profiles.ContainsKey(primary) ? primary : null;
    }

    private string ResolveLanguage(string? requested, string text)
    {
        var normalized = requested is null ? "auto" : NormalizeLanguage(requested) ?? "auto";
        return normalized == "auto" ? _detector.Detect(text) : normalized;
    }

    private CoachResult Evaluate(NoteInput input, string language, NoteFeatures features, List<string>? pastedWith)
    {
        var givenL1 = Taxonomy.L1Index(input.L1);
        var givenL2 = Taxonomy.L2Index(input.L2);
        var l2Scores = new double[Taxonomy.L2Codes.Length];
        Span<double> l2Probabilities = stackalloc double[l2Scores.Length];
        l2Probabilities.Fill(double.NaN);
        var scores = features.IsEmpty ? default : StatusSuggester.Suggest(features, givenL1 >= 0 ? givenL1 : (givenL2 >= 0 ? Taxonomy.L1OfL2[givenL2] : -1), l2Scores, l2Probabilities, _l2Model);
        var suggestedL1 = features.IsEmpty ? -1 : scores.L1;
        var suggestedL2 = features.IsEmpty ? -1 : scores.L2;

        // The learned model finds the chosen L2 plausible (NaN when it does not read this language: never).
        var givenL2Plausible = givenL2 >= 0 && _l2Model is not null && l2Probabilities[givenL2] >= _l2Model.Plausible;
        var context = new RuleContext(features, givenL1, givenL2, suggestedL1, suggestedL2, l2Scores, givenL2Plausible);
        foreach (var rule in _rules)
        {
            rule.Apply(context);
        }

        if (pastedWith is { Count: > 0 })
        {
            context.AddWhole(Codes.PastedAcrossWorkloads, Severity.Warning, Grade.Good, "WriteWorkloadSpecificNote", [string.Join(", ", pastedWith)]);
        }

        var findings = context.Findings;
        if (findings.Count > 1)
        {
            findings.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Code, b.Code));
        }

        Suggestion? suggestion = suggestedL1 < 0
            ? null
            : new Suggestion(Taxonomy.L1Codes[suggestedL1], suggestedL2 < 0 ? null : Taxonomy.L2Codes[suggestedL2], scores.Confidence);
        return new CoachResult(language, context.Grade, findings, suggestion);
    }

    private static bool SameWorkload(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The note reduced to letters and digits, lower case, without its workload's own name; null when it may be pasted.</summary>
    private string? PasteKey(NoteInput note, NoteFeatures features)
    {
        var text = note.Text ?? "";
        if (features.IsEmpty || features.Has(Tag.Unresponsive) || Taxonomy.L2Index(note.L2) == Taxonomy.CustomerUnresponsiveIndex)
        {
            return null;
        }

        var lowered = text.ToLowerInvariant();
        if (note.Workload is { } workload)
        {
            var names = _pasteNames.TryGetValue(workload, out var known) ? known : LongestFirst([workload]);
            foreach (var name in names)
            {
                lowered = lowered.Replace(name, " ", StringComparison.Ordinal);
            }
        }

        char[]? rented = null;
        Span<char> key = lowered.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(lowered.Length));
        var n = 0;
        foreach (var c in lowered)
        {
            if (char.IsLetterOrDigit(c))
            {
                key[n++] = c;
            }
        }

        var result = n == 0 ? null : new string(key[..n]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    private static string[] LongestFirst(string[] names) =>
        [.. names.Select(n => n.ToLowerInvariant()).OrderByDescending(n => n.Length)];
}
