namespace Headway.NoteCoach.Tests;

/// <summary>Shared checks for the per-language example tests.</summary>
internal static class NoteAssert
{
    public static CoachResult Graded(string? l1, string text, Grade expected, params string[] codes)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: l1));
        var found = string.Join(", ", result.Findings.Select(f => f.Code));
        Assert.True(expected == result.Grade, $"Expected {expected} but got {result.Grade} [{found}] for: {text}");
        foreach (var code in codes)
        {
            Assert.True(result.Findings.Any(f => f.Code == code), $"Expected {code} in [{found}] for: {text}");
        }

        foreach (var f in result.Findings)
        {
            Assert.InRange(f.Start, 0, text.Length);
            Assert.InRange(f.Start + f.Length, f.Start, text.Length);
        }

        return result;
    }

    public static void Suggests(string text, string l1, string? l2, string? givenL1 = null)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: givenL1));
        Assert.NotNull(result.Suggested);
        Assert.Equal(l1, result.Suggested!.L1);
        Assert.Equal(l2, result.Suggested.L2);
        Assert.InRange(result.Suggested.Confidence, 0, 1);
    }
}
