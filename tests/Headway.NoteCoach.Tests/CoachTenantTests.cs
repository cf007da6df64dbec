namespace Headway.NoteCoach.Tests;

public class CoachTenantTests
{
    [Fact]
    public void AnalyzeTenant_SameNoteOnTwoWorkloads_FlagsBothInInputOrder()
    {
        var notes = new[]
        {
            new NoteInput("Blocked on EXO because the proxy strips authentication headers.", "Blocked", Workload: "EXO"),
            new NoteInput("Customer is in the pilot phase with 40 users.", "InProgress", Workload: "TEAMS"),
            new NoteInput("blocked on SPO because the proxy strips authentication headers", "Blocked", Workload: "SPO"),
        };

        var results = Coach.Default.AnalyzeTenant(notes);

        Assert.Equal(3, results.Count);
        var first = Assert.Single(results[0].Findings, f => f.Code == "PastedAcrossWorkloads");
        Assert.Equal("SPO", first.Args[0]);
        Assert.Contains(results[2].Findings, f => f.Code == "PastedAcrossWorkloads");
        Assert.DoesNotContain(results[1].Findings, f => f.Code == "PastedAcrossWorkloads");
    }

    [Fact]
    public void AnalyzeTenant_UnresponsiveNoteOnAllWorkloads_IsNotFlagged()
    {
        var notes = new[]
        {
            new NoteInput("No response to 3 contact attempts. Managed account.", "StatusUnknown", "CustomerUnresponsive", Workload: "EXO"),
            new NoteInput("No response to 3 contact attempts. Managed account.", "StatusUnknown", "CustomerUnresponsive", Workload: "SPO"),
        };

        var results = Coach.Default.AnalyzeTenant(notes);

        Assert.All(results, r => Assert.DoesNotContain(r.Findings, f => f.Code == "PastedAcrossWorkloads"));
        Assert.All(results, r => Assert.Equal(Grade.Good, r.Grade));
    }

    [Fact]
    public void AnalyzeTenant_DifferentNotes_AreNotFlagged()
    {
        var results = Coach.Default.AnalyzeTenant(
        [
            new NoteInput("客户受阻，因为代理服务器会删除身份验证标头。", "Blocked", Workload: "EXO"),
            new NoteInput("客户正在迁移文件服务器上的数据。", "InProgress", Workload: "OD"),
        ]);

        Assert.All(results, r => Assert.DoesNotContain(r.Findings, f => f.Code == "PastedAcrossWorkloads"));
    }

    [Fact]
    public void AnalyzeTenant_MatchesSingleAnalysis_ForOtherFindings()
    {
        var note = new NoteInput("Customer can't deploy at this time.", "Blocked", Workload: "EXO");
        var alone = Coach.Default.Analyze(note);
        var together = Coach.Default.AnalyzeTenant([note])[0];
        Assert.Equal(alone.Grade, together.Grade);
        Assert.Equal(alone.Findings.Select(f => f.Code), together.Findings.Select(f => f.Code));
    }
}
