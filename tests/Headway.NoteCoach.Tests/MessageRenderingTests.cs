namespace Headway.NoteCoach.Tests;

public class MessageRenderingTests
{
    public static TheoryData<string> Codes =>
    [
        "EmptyNote", "MissingReason", "VagueReason", "MissingDetail", "VagueTimeWord", "TooLong", "StatusOnly", "UsageOnly",
        "UnresponsiveMissingAttemptCount", "UnresponsiveMissingAccountType", "EngagementLogistics", "DeclinedAssistanceNotNoIntent",
        "CovidTagOnPause", "L2Mismatch", "PastedAcrossWorkloads",
    ];

    [Theory]
    [MemberData(nameof(Codes))]
    public void RenderMessage_EveryCode_HasTextInEveryUiLanguage(string code)
    {
        var finding = new Finding(code, Severity.Warning, 0, 0, ["x", "y"]);
        var english = Coach.Default.RenderMessage(finding, "en");
        Assert.NotEqual(code, english);
        foreach (var ui in new[] { "zh-Hans", "de", "ja" })
        {
            var text = Coach.Default.RenderMessage(finding, ui);
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.NotEqual(english, text);
        }
    }

    [Fact]
    public void RenderMessage_UnknownUiLanguage_FallsBackToEnglish()
    {
        var finding = new Finding("EmptyNote", Severity.Error, 0, 0, []);
        Assert.Equal(Coach.Default.RenderMessage(finding, "en"), Coach.Default.RenderMessage(finding, "fr"));
        Assert.Equal(Coach.Default.RenderMessage(finding, "zh-Hans"), Coach.Default.RenderMessage(finding, "zh"));
    }

    [Fact]
    public void RenderMessage_L2MismatchArgs_AreLocalizedNames()
    {
        var finding = new Finding("L2Mismatch", Severity.Warning, 0, 0, ["CustomerItInfrastructureRemediation", "LegalRegulatory"], "ChangeL2");
        Assert.Contains("規制", Coach.Default.RenderMessage(finding, "ja"), StringComparison.Ordinal);
        Assert.Contains("\"", Coach.Default.RenderMessage(finding, "en"), StringComparison.Ordinal);
        Assert.NotNull(Coach.Default.RenderFix(finding, "de"));
    }

    [Fact]
    public void RenderFix_FindingWithoutFix_IsNull() =>
        Assert.Null(Coach.Default.RenderFix(new Finding("TooLong", Severity.Warning, 0, 0, []), "en"));

    [Fact]
    public void Analyze_EveryFindingOfExamples_HasRenderableFix()
    {
        var result = Coach.Default.Analyze(new NoteInput("Customer can't deploy at this time.", "Blocked"));
        Assert.All(result.Findings, f => Assert.False(string.IsNullOrEmpty(Coach.Default.RenderFix(f, "ja"))));
    }
}
