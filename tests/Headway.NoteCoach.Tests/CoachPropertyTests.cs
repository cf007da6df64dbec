using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Headway.NoteCoach.Tests;

public class CoachPropertyTests
{
    private static readonly string[] Languages = ["auto", .. Coach.Default.Languages];

    // Any UTF-16 code unit, so control characters and lone surrogates appear often.
    private static Arbitrary<string> AnyUtf16 =>
        Gen.Choose(0, 0xFFFF).Select(i => (char)i).ArrayOf().Select(a => new string(a)).ToArbitrary();

    // Note-like text: vocabulary fragments in all four languages glued with random characters.
    private static Arbitrary<string> NoteLike =>
        Gen.Elements(
            "Customer ", "no intent ", "because ", "firewall", "。", "，", "客户", "没有意向", "因为", "防火墙", "お客様", "ため", "できません", "Kunde ", "weil ", "z. B. ",
            "e.g. ", "0.0%", "16.0.1", "https://x.y/z", "\n", "\t", "\u0000", "\uD800", "\uDC00", "😀", "#covid ", "paused ", "3 ", "attempts ", "managed", ".", "!", "?", " ")
        .ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Analyze_AnyUtf16_IsSafeAndInsideText() =>
        Prop.ForAll(AnyUtf16, text => Check(text));

    [Property(MaxTest = 300)]
    public Property Analyze_NoteLikeText_IsSafeAndInsideText() =>
        Prop.ForAll(NoteLike, text => Check(text));

    [Property(MaxTest = 100)]
    public Property Analyze_SameInput_GivesSameOutput() =>
        Prop.ForAll(NoteLike, text =>
        {
            var a = Coach.Default.Analyze(new NoteInput(text, "Blocked", "LegalRegulatory"));
            var b = Coach.Default.Analyze(new NoteInput(text, "Blocked", "LegalRegulatory"));
            return a.Language == b.Language && a.Grade == b.Grade && a.Suggested == b.Suggested
                && a.Findings.Select(Describe).SequenceEqual(b.Findings.Select(Describe));
        });

    [Fact]
    public void Analyze_OneMegabyteOfText_CompletesWithSpansInside()
    {
        var random = new Random(42);
        var chars = new char[1 << 20];
        const string Alphabet = "Customer blocked because firewall proxy 客户 因为 お客様 ため Kunde weil 0.0% . 。\n";
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        var text = new string(chars);
        Assert.True(Check(text));
        Assert.True(Check(new string('a', 1 << 20)));
        Assert.True(Check(string.Concat(Enumerable.Repeat("3 attempts no response ", 50_000))));
    }

    [Fact]
    public void AnalyzeTenant_RandomNotes_KeepsCountAndOrder()
    {
        var notes = Enumerable.Range(0, 50).Select(i => new NoteInput(i % 3 == 0 ? "Blocked by the proxy." : $"note {i}", Workload: $"W{i % 5}")).ToArray();
        var results = Coach.Default.AnalyzeTenant(notes);
        Assert.Equal(notes.Length, results.Count);
        for (var i = 0; i < notes.Length; i++)
        {
            Assert.Equal(Coach.Default.Analyze(notes[i]).Grade, results[i].Grade);
        }
    }

    private static bool Check(string text)
    {
        foreach (var language in Languages)
        {
            var result = Coach.Default.Analyze(new NoteInput(text, Language: language));
            foreach (var f in result.Findings)
            {
                if (f.Start < 0 || f.Length < 0 || f.Start + f.Length > text.Length)
                {
                    return false;
                }

                _ = Coach.Default.RenderMessage(f, "ja");
            }

            if (result.Suggested is { } s && (s.Confidence < 0 || s.Confidence > 1))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(Finding f) => $"{f.Code}|{f.Severity}|{f.Start}|{f.Length}|{string.Join(",", f.Args)}|{f.Fix}";
}
