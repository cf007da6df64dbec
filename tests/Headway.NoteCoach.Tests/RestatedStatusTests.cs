namespace Headway.NoteCoach.Tests;

/// <summary>
/// An In Progress note that names only the status's own activity and a status word ("Migration ongoing") restates the
/// status: StatusOnly, Insufficient, like "In progress.". Naming what is moved, how far it is or the phase is a note.
/// </summary>
public class RestatedStatusTests
{
    [Theory]
    [InlineData("en", "InProgress", "Migration ongoing.")]
    [InlineData("en", "InProgress", "Migration in progress")]
    [InlineData("en", "InProgress", "Migrating.")]
    [InlineData("en", "InProgress", "Adoption ongoing.")]
    [InlineData("en", "InProgress", "Deployment in progress.")]
    [InlineData("en", "InProgress", "Migration continues as planned.")]
    [InlineData("de", "InProgress", "Migration läuft.")]
    [InlineData("de", "InProgress", "Rollout läuft.")]
    [InlineData("de", "InProgress", "Die Migration wird fortgesetzt.")]
    [InlineData("de", "InProgress", "Umzug in Bearbeitung.")]
    [InlineData("zh", "InProgress", "迁移中。")]
    [InlineData("zh", "InProgress", "迁移进行中。")]
    [InlineData("zh", "InProgress", "部署进行中。")]
    [InlineData("zh", "InProgress", "搬迁持续推进。")]
    [InlineData("ja", "InProgress", "対応中です。")]
    [InlineData("ja", "InProgress", "移行中です。")]
    [InlineData("ja", "InProgress", "移行を進めています。")]
    [InlineData("ja", "InProgress", "展開は継続中です。")]
    public void TheStatusInOtherWords_IsStatusOnly(string language, string l1, string text)
    {
        var result = NoteAssert.Graded(l1, text, Grade.Insufficient, "StatusOnly");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("en", "Customer is migrating mailboxes.")]
    [InlineData("en", "Migration of the finance department's file shares; 300 of 1,200 users moved.")]
    [InlineData("en", "Customer is progressing with the migration; they are in the pilot phase.")]
    [InlineData("de", "Umzug der Postfächer läuft, 300 von 1.200 verschoben.")]
    [InlineData("de", "Die Migration der Dateiserver ist in der Pilotphase mit der Finanzabteilung.")]
    [InlineData("zh", "正在迁移财务部的邮箱，已完成一半。")]
    [InlineData("zh", "客户正在推进迁移，目前处于试点阶段。")]
    [InlineData("ja", "営業部のメールボックスを移行中で、残りは 200 件です。")]
    [InlineData("ja", "ファイル サーバーの移行はパイロット段階で、経理部が先行しています。")]
    public void TheActivityWithWhatOrHowFar_IsANote(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: "InProgress", L2: "Migration"));
        Assert.Equal(language, result.Language);
        Assert.DoesNotContain(result.Findings, f => f.Code == "StatusOnly");
        Assert.True(result.Grade == Grade.Good, $"{result.Grade} [{string.Join(", ", result.Findings.Select(f => f.Code))}] for: {text}");
    }

    [Theory]
    [InlineData("en", "Intent unknown.")]
    [InlineData("en", "New subscription, intent unknown.")]
    [InlineData("de", "Absicht unbekannt.")]
    [InlineData("de", "Neue Subscription.")]
    [InlineData("zh", "新订阅，意向未知。")]
    [InlineData("zh", "意向未知。")]
    [InlineData("ja", "意図不明")]
    [InlineData("ja", "新規サブスクリプション、意向未確認。")]
    public void TheUnknownIntentAlone_IsStatusOnly(string language, string text)
    {
        var result = NoteAssert.Graded("StatusUnknown", text, Grade.Insufficient, "StatusOnly");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("Copilot for Microsoft 365, 300 seats bought last month; intent unknown.")]
    [InlineData("Copilot 300 席，意向未知")]
    [InlineData("Intune wurde im Oktober zugekauft, 250 Lizenzen; Absicht unbekannt.")]
    public void TheUnknownIntentWithWhatIsNew_IsANote(string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: "StatusUnknown", L2: "NewSubscriptionOrWorkload"));
        Assert.DoesNotContain(result.Findings, f => f.Code == "StatusOnly");
    }

    /// <summary>"Same as above" points to another note and says nothing of this one: no reason at all (Poor), under In
    /// Progress too, where a restated status would be Insufficient.</summary>
    [Theory]
    [InlineData("en", "InProgress", "Same as above.")]
    [InlineData("en", "InProgress", "See overall notes.")]
    [InlineData("de", "InProgress", "siehe oben")]
    [InlineData("de", "Blocked", "Bitte die allgemeinen Notizen beachten.")]
    [InlineData("zh", "InProgress", "同上")]
    [InlineData("zh", "StatusUnknown", "详见总体笔记。")]
    [InlineData("ja", "InProgress", "全体ステータスノート参照。")]
    public void AReferenceToAnotherNote_GivesNoReason(string language, string l1, string text)
    {
        var result = NoteAssert.Graded(l1, text, Grade.Poor, "MissingReason");
        Assert.Equal(language, result.Language);
    }

    /// <summary>"tbd", "待定": a word that leaves everything open says nothing, even where it also marks a condition.</summary>
    [Theory]
    [InlineData("en", "tbd")]
    [InlineData("zh", "待定")]
    [InlineData("zh", "待定。")]
    [InlineData("zh", "待定，无")]
    public void NothingButToBeDecided_GivesNoReason(string language, string text)
    {
        var result = NoteAssert.Graded("StatusUnknown", text, Grade.Poor, "MissingReason");
        Assert.Equal(language, result.Language);
    }

    /// <summary>
    /// "#covid rollout paused": the tag names the pandemic as the pause's cause; the note is Insufficient for the tag
    /// (CovidTagOnPause), not Poor for a missing reason.
    /// </summary>
    [Theory]
    [InlineData("en", "#covid Customer paused the Teams rollout.")]
    [InlineData("de", "#covid Teams-Rollout pausiert.")]
    [InlineData("zh", "#covid 疫情封控，客户暂停Teams部署")]
    [InlineData("ja", "#covid Teams の展開を一時中断しています。")]
    public void ACovidPause_IsInsufficientForTheTag(string language, string text)
    {
        var result = NoteAssert.Graded("Blocked", text, Grade.Insufficient, "CovidTagOnPause");
        Assert.Equal(language, result.Language);
        Assert.DoesNotContain(result.Findings, f => f.Code == "MissingReason");
    }
}
