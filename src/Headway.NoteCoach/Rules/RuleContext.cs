using Headway.NoteCoach.Analysis;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Rules;

/// <summary>The note under check, its features and the findings collected so far.</summary>
internal sealed class RuleContext
{
    private static readonly string[] NoArgs = [];

    public RuleContext(NoteFeatures features, int givenL1, int givenL2, int suggestedL1, int suggestedL2, double[] l2Scores, bool givenL2Plausible = false)
    {
        GivenL2Plausible = givenL2Plausible;
        Features = features;
        GivenL1 = givenL1;
        GivenL2 = givenL2;
        SuggestedL1 = suggestedL1;
        SuggestedL2 = suggestedL2;
        L2Scores = l2Scores;
        PolicyL1 = givenL1 >= 0 ? givenL1 : (givenL2 >= 0 ? Taxonomy.L1OfL2[givenL2] : suggestedL1);
    }

    public NoteFeatures Features { get; }

    public int GivenL1 { get; }

    public int GivenL2 { get; }

    public int SuggestedL1 { get; }

    public int SuggestedL2 { get; }

    public double[] L2Scores { get; }

    /// <summary>Whether the learned L2 model gives the chosen L2 a plausible probability (then it is not called a mismatch).</summary>
    public bool GivenL2Plausible { get; }

    /// <summary>The L1 whose requirements the note is checked against: given, else implied by the L2, else suggested.</summary>
    public int PolicyL1 { get; }

    public List<Finding> Findings { get; } = new(4);

    public Grade Grade { get; private set; } = Grade.Good;

    /// <summary>Set when a rule has judged the note's substance, so later substance rules stay quiet.</summary>
    public bool SubstanceJudged { get; set; }

    public bool PolicyIs(string l1) => PolicyL1 >= 0 && Taxonomy.L1Codes[PolicyL1] == l1;

    public void Add(string code, Severity severity, Grade grade, int start, int end, string? fix = null, string[]? args = null)
    {
        var (s, l) = Features.SourceSpan(start, end);
        Findings.Add(new Finding(code, severity, s, l, args ?? NoArgs, fix) { Source = Features.Text });
        if (grade > Grade)
        {
            Grade = grade;
        }
    }

    public void Add(string code, Severity severity, Grade grade, PhraseMatch? at, string? fix = null, string[]? args = null)
    {
        if (at is { } m)
        {
            Add(code, severity, grade, m.Start, m.End, fix, args);
        }
        else
        {
            AddWhole(code, severity, grade, fix, args);
        }
    }

    /// <summary>Adds a finding on a span of the note as written (UTF-16 offsets of the input, not of the normalized text).</summary>
    public void AddSource(string code, Severity severity, Grade grade, int start, int length, string? fix = null, string[]? args = null)
    {
        Findings.Add(new Finding(code, severity, start, length, args ?? NoArgs, fix) { Source = Features.Text });
        if (grade > Grade)
        {
            Grade = grade;
        }
    }

    /// <summary>Adds a finding spanning the whole note (trimmed).</summary>
    public void AddWhole(string code, Severity severity, Grade grade, string? fix = null, string[]? args = null)
    {
        var text = Features.Text;
        var start = 0;
        var end = text.Length;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        Findings.Add(new Finding(code, severity, start, end - start, args ?? NoArgs, fix) { Source = Features.Text });
        if (grade > Grade)
        {
            Grade = grade;
        }
    }
}
