using System.Text.Json;

namespace Headway.NoteCoach.Tests;

/// <summary>
/// Every finding's message names the words of the note it refers to, in each UI language's quotation marks, and a
/// fix that can be written out gives the rewritten note.
/// </summary>
public class ExplanationTests
{
    private static readonly string[] UiLanguages = ["en", "zh-Hans", "de", "ja"];

    // A whole note too long to quote, and a note pasted on other workloads, are about the note, not some words in it.
    private static readonly HashSet<string> AboutTheWholeNote = ["TooLong", "PastedAcrossWorkloads", "EmptyNote"];

    [Fact]
    public void EveryFindingOnTheLabelledNotes_NamesItsWords_InEveryUiLanguage()
    {
        var unnamed = new List<string>();
        var checkedFindings = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.jsonl"))
        {
            foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                using var note = JsonDocument.Parse(line);
                string? Field(string name) => note.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var result = Coach.Default.Analyze(new NoteInput(Field("text") ?? "", Field("l1"), Field("l2")));
                foreach (var finding in result.Findings.Where(f => f.Length > 0 && !AboutTheWholeNote.Contains(f.Code)))
                {
                    checkedFindings++;
                    Assert.NotNull(finding.Quote);
                    foreach (var ui in UiLanguages)
                    {
                        var message = Coach.Default.RenderMessage(finding, ui);
                        if (!message.Contains(finding.Quote!, StringComparison.OrdinalIgnoreCase))
                        {
                            unnamed.Add($"{finding.Code} ({ui}): \"{finding.Quote}\" not in: {message}");
                        }
                    }
                }
            }
        }

        Assert.True(checkedFindings > 300, $"only {checkedFindings} findings checked");
        Assert.Empty(unnamed.Distinct().Take(20));
    }

    [Theory]
    [InlineData("en", "Customer cannot deploy at this time because the firewall blocks outbound SMTP.", "“Customer cannot deploy because the firewall blocks outbound SMTP.”")]
    [InlineData("de", "Kunde kann zurzeit nicht bereitstellen, weil die Firewall ausgehendes SMTP blockiert.", "„Kunde kann nicht bereitstellen, weil die Firewall ausgehendes SMTP blockiert.“")]
    [InlineData("ja", "お客様は現時点では、ファイアウォールが SMTP を遮断しているため展開できません。", "「お客様は、ファイアウォールが SMTP を遮断しているため展開できません。」")]
    [InlineData("zh-Hans", "由于防火墙阻止出站 SMTP，客户暂时无法部署。", "“由于防火墙阻止出站 SMTP，客户无法部署。”")]
    public void AVagueTimeWord_IsQuoted_AndTheFixIsTheNoteWithoutIt(string ui, string text, string rewritten)
    {
        var finding = Assert.Single(Coach.Default.Analyze(new NoteInput(text, "Blocked")).Findings, f => f.Code == "VagueTimeWord");

        Assert.Contains(finding.Quote!, Coach.Default.RenderMessage(finding, ui), StringComparison.Ordinal);
        Assert.EndsWith(rewritten, Coach.Default.RenderFix(finding, ui), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Teams voice went live last week. Currently no workaround for the fax line, so the switch waits.", "Teams voice went live last week. No workaround for the fax line, so the switch waits.")]
    [InlineData("Aktuell keine Absicht: der Kunde nutzt Zoom mit einem Vertrag bis 2027.", "Keine Absicht: der Kunde nutzt Zoom mit einem Vertrag bis 2027.")]
    [InlineData("Customer cannot deploy at this time because the firewall blocks outbound SMTP.", "Customer cannot deploy because the firewall blocks outbound SMTP.")]
    [InlineData("Teams voice went live. Currently 3 of 10 sites have no workaround for the fax line.", "Teams voice went live. 3 of 10 sites have no workaround for the fax line.")]
    [InlineData("Fax line per site\nCurrently no workaround for the fax line, so the switch waits.", "Fax line per site No workaround for the fax line, so the switch waits.")]
    public void WordsTakenOutFromASentenceStart_LeaveItCapitalised(string text, string rewritten)
    {
        var finding = Assert.Single(Coach.Default.Analyze(new NoteInput(text, "Blocked")).Findings, f => f.Code == "VagueTimeWord");

        Assert.Equal(rewritten, finding.Rewrite);
    }

    [Theory]
    [InlineData("en", "Migration", "Migration ongoing.", "[n] of [total] moved")]
    [InlineData("de", "Migration", "Migration läuft.", "[n] von [gesamt] verschoben")]
    [InlineData("zh-Hans", "Migration", "迁移中。", "已迁移[数量]/[总数]")]
    [InlineData("ja", "SolutionOrUserAdoption", "対応中です。", "アクティブ ユーザーは [割合]")]
    [InlineData("en", "TechnicalOnboardingDeployment", "In progress.", "pilot with [group]")]
    public void AStatusOnlyNote_IsShownWhatANoteForItsL2Says(string ui, string l2, string text, string example)
    {
        var finding = Assert.Single(Coach.Default.Analyze(new NoteInput(text, "InProgress", l2)).Findings, f => f.Code == "StatusOnly");

        Assert.Contains(example, Coach.Default.RenderFix(finding, ui), StringComparison.Ordinal);
    }

    [Fact]
    public void AStatusOnlyNote_WithoutAnL2_GetsTheGeneralFix()
    {
        var finding = Assert.Single(Coach.Default.Analyze(new NoteInput("In progress.", "InProgress")).Findings, f => f.Code == "StatusOnly");

        Assert.Equal("Add the phase or focus, e.g. \"Customer is progressing with deployment; they are in the pilot phase.\"", Coach.Default.RenderFix(finding, "en"));
    }

    [Fact]
    public void AFindingMadeWithoutItsNote_KeepsThePlainMessage()
    {
        var finding = new Finding("StatusOnly", Severity.Warning, 0, 5, [], "AddPhase");

        Assert.Null(finding.Quote);
        Assert.Equal("The note only restates the status. Add the phase, focus or reason.", Coach.Default.RenderMessage(finding, "en"));
    }

    [Fact]
    public void BracesInTheNote_AreQuotedAsWritten()
    {
        var result = Coach.Default.Analyze(new NoteInput("{0} {1} in progress.", "InProgress"));
        var finding = Assert.Single(result.Findings, f => f.Code == "StatusOnly");

        Assert.StartsWith("“{0} {1} in progress.”", Coach.Default.RenderMessage(finding, "en"), StringComparison.Ordinal);
    }
}
