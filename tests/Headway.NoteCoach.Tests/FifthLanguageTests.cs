using System.Text.Json;
using Headway.NoteCoach.Languages;

namespace Headway.NoteCoach.Tests;

/// <summary>
/// A fifth language is data: a small French profile (<c>ExtraLanguage/fr/</c>, three JSON files) placed beside the
/// shipped languages is found, detected, graded and checked against the taxonomy without a line of code changing.
/// </summary>
public sealed class FifthLanguageTests : IDisposable
{
    private readonly Dictionary<string, JsonDocument> _files;
    private readonly IReadOnlyDictionary<string, LanguageProfile> _profiles;
    private readonly Coach _coach;

    public FifthLanguageTests()
    {
        _files = LanguageProfileLoader.ReadEmbedded(typeof(Coach).Assembly);
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ExtraLanguage", "fr"), "*.json"))
        {
            _files[$"Languages/fr/{Path.GetFileName(path)}"] = JsonDocument.Parse(File.ReadAllText(path), options);
        }

        _profiles = LanguageProfileLoader.Load(_files, Taxonomy.Data, out var workloads);
        _coach = new Coach(_profiles, workloads);
    }

    public void Dispose()
    {
        foreach (var document in _files.Values)
        {
            document.Dispose();
        }
    }

    [Fact]
    public void TheFolder_IsALanguage_WithCuesForEveryL2()
    {
        Assert.Equal(["de", "en", "fr", "ja", "zh"], _coach.Languages);
        Assert.Empty(LanguageProfileLoader.Gaps(_profiles, Taxonomy.Data, []));
    }

    [Theory]
    [InlineData("Le client n'a pas l'intention de déployer le service pour l'instant.", "fr")]
    [InlineData("Bloqué : le pare-feu du client empêche le trafic SMTP sortant vers Exchange Online.", "fr")]
    [InlineData("Customer has no intent because the CIO prefers Google Workspace.", "en")]
    [InlineData("Kunde hat keine Absicht, weil die Geschäftsleitung Google Workspace bevorzugt.", "de")]
    [InlineData("客户没有意向，因为首席信息官更喜欢 Google Workspace。", "zh")]
    [InlineData("お客様は Google Workspace を使い続けるため、意図がありません。", "ja")]
    public void Detection_FindsTheFifthLanguage_AndStillTheOthers(string text, string expected) =>
        Assert.Equal(expected, _coach.Analyze(new NoteInput(text)).Language);

    [Fact]
    public void AFrenchNote_IsGradedByItsOwnData()
    {
        var good = _coach.Analyze(new NoteInput("Le client est bloqué car son pare-feu interdit le trafic SMTP sortant ; le réseau le corrige en mars.", "Blocked", Language: "fr"));
        Assert.Equal(Grade.Good, good.Grade);
        Assert.Equal("CustomerItInfrastructureRemediation", good.Suggested?.L2);

        var noReason = _coach.Analyze(new NoteInput("Le client n'a pas l'intention.", "NoIntent", Language: "fr"));
        Assert.Equal(Grade.Poor, noReason.Grade);
        Assert.Contains(noReason.Findings, f => f.Code == "MissingReason");

        var restated = _coach.Analyze(new NoteInput("Migration en cours.", "InProgress", "Migration", "fr"));
        Assert.Equal(Grade.Insufficient, restated.Grade);
        Assert.Contains(restated.Findings, f => f.Code == "StatusOnly");
    }

    [Fact]
    public void TheShippedCoach_DoesNotKnowTheLanguage()
    {
        Assert.DoesNotContain("fr", Coach.Default.Languages);
        Assert.False(Coach.Default.IsSupportedLanguage("fr"));
        Assert.True(_coach.IsSupportedLanguage("fr-CA"));
    }
}
