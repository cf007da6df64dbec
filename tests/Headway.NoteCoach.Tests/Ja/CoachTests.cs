namespace Headway.NoteCoach.Tests.Ja;

public class CoachTests
{
    [Theory]
    [InlineData("NoIntent", "親会社による買収が進行中で、完了するまで全 IT プロジェクトが凍結されているため、お客様にはオンボードする意図がありません。")]
    [InlineData("Blocked", "ファイアウォールがトラフィックを転送せず、Outlook がメールボックスに接続できないため、展開できません。")]
    [InlineData("Blocked", "金融庁の規制により顧客データを国外に保存できないため、ブロックされています。")]
    [InlineData("InProgress", "お客様はパイロット段階にあり、経理部の 40 名で検証しています。")]
    [InlineData("StatusUnknown", "3 回連絡を試みても返信がありません。管理対象のお客様です。")]
    public void Analyze_SpecificNote_IsGood(string l1, string text) => NoteAssert.Graded(l1, text, Grade.Good);

    [Theory]
    [InlineData("Blocked", "お客様は現在展開できません。", "MissingReason")]
    [InlineData("NoIntent", "お客様には意図がありません。", "MissingReason")]
    [InlineData("Blocked", "クラウド/データ/法的な問題のため、展開できません。", "VagueReason")]
    [InlineData("StatusUnknown", "お客様の無反応。", "UnresponsiveMissingAttemptCount")]
    public void Analyze_NoteWithoutUsableReason_IsPoor(string l1, string text, string code) => NoteAssert.Graded(l1, text, Grade.Poor, code);

    [Theory]
    [InlineData("InProgress", "進行中です。", "StatusOnly")]
    [InlineData("Blocked", "お客様は、オンプレミスでの特定のインフラストラクチャにより展開しません。", "MissingDetail")]
    [InlineData("NoIntent", "合併が完了するまで、お客様は展開しません。", "MissingDetail")]
    [InlineData("StatusUnknown", "連絡を取ろうとして試みてもお客様から返信がありません。", "UnresponsiveMissingAccountType")]
    [InlineData("InProgress", "ワークロードの意図を収集するためのキックオフ ミーティングをスケジュール設定します。", "EngagementLogistics")]
    public void Analyze_IncompleteNote_IsInsufficient(string l1, string text, string code) => NoteAssert.Graded(l1, text, Grade.Insufficient, code);

    [Fact]
    public void Analyze_JapaneseWithEnglishProductNames_IsJapanese()
    {
        var result = Coach.Default.Analyze(new NoteInput("Exchange Online は ADFS の証明書エラーのため展開できません。"));
        Assert.Equal("ja", result.Language);
    }
}
