namespace Headway.NoteCoach.Tests;

public class LanguageDetectorTests
{
    [Theory]
    [InlineData("Customer is blocked by the proxy.", "en")]
    [InlineData("Kunde ist blockiert, weil der Proxy die Anmeldung verhindert.", "de")]
    [InlineData("Kunde antwortet nicht auf 3 Kontaktversuche.", "de")]
    [InlineData("Für Exchange Online gibt es keine Freigabe.", "de")]
    [InlineData("User nicht bereit.", "de")]
    [InlineData("Feature fehlt.", "de")]
    [InlineData("Users not ready for the Teams rollout.", "en")]
    [InlineData("Unresponsive, 3 calls (9am, 11am), managed.", "en")]
    [InlineData("客户因为使用 Google Workspace，不会部署 Exchange Online。", "zh")]
    [InlineData("进行中。", "zh")]
    [InlineData("進行中。", "ja")]
    [InlineData("Exchange Online は ADFS のため展開できません。", "ja")]
    [InlineData("Security team 有 concern, Copilot 先不开.", "zh")]
    [InlineData("Contact 了 3 次 (email x2, Teams call x1), IT lead 一直没 reply, intent unknown.", "zh")]
    [InlineData("AppCompat で blocked。", "ja")]
    [InlineData("EXO", "en")]
    [InlineData("", "en")]
    public void DetectLanguage_Text_PicksLanguage(string text, string expected) =>
        Assert.Equal(expected, Coach.Default.DetectLanguage(text));

    [Theory]
    [InlineData("ja")]
    [InlineData("de")]
    public void Analyze_ExplicitLanguage_IsUsed(string language)
    {
        var result = Coach.Default.Analyze(new NoteInput("Customer is blocked by the proxy.", Language: language));
        Assert.Equal(language, result.Language);
    }

    [Fact]
    public void Analyze_AutoLanguage_Detects()
    {
        Assert.Equal("de", Coach.Default.Analyze(new NoteInput("Kunde reagiert nicht.", Language: "auto")).Language);
    }
}
