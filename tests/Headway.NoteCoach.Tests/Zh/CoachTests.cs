namespace Headway.NoteCoach.Tests.Zh;

public class CoachTests
{
    [Theory]
    [InlineData("NoIntent", "客户没有意向进行入门培训，因为公司正在被集团收购，收购完成前所有 IT 项目暂停。")]
    [InlineData("Blocked", "由于防火墙无法正确转发流量，Outlook 无法连接到邮箱，客户无法部署。")]
    [InlineData("Blocked", "客户受阻，因为行业监管规定禁止将客户数据存储在境外。")]
    [InlineData("InProgress", "客户正在推进部署，处于试点阶段，财务部 50 名用户参与。")]
    [InlineData("StatusUnknown", "3 次尝试联系客户都无反应。客户已托管。")]
    [InlineData("NoIntent", "客户没有意向使用 Teams，因为全公司已经标准化使用钉钉。")]
    public void Analyze_SpecificNote_IsGood(string l1, string text) => NoteAssert.Graded(l1, text, Grade.Good);

    [Theory]
    [InlineData("Blocked", "客户暂时无法部署。", "MissingReason")]
    [InlineData("NoIntent", "客户没有意向。", "MissingReason")]
    [InlineData("Blocked", "由于云/数据/法律问题而无法部署。", "VagueReason")]
    [InlineData("StatusUnknown", "客户无反应。", "UnresponsiveMissingAttemptCount")]
    public void Analyze_NoteWithoutUsableReason_IsPoor(string l1, string text, string code) => NoteAssert.Graded(l1, text, Grade.Poor, code);

    [Theory]
    [InlineData("InProgress", "进行中。", "StatusOnly")]
    [InlineData("Blocked", "由于本地的特定基础结构，客户将无法部署。", "MissingDetail")]
    [InlineData("NoIntent", "在合并完成之前，客户不会部署。", "MissingDetail")]
    [InlineData("StatusUnknown", "尝试联系客户均无反应。", "UnresponsiveMissingAttemptCount")]
    [InlineData("NoIntent", "客户拒绝了 FTC 的协助。", "DeclinedAssistanceNotNoIntent")]
    [InlineData("InProgress", "安排启动会议以收集工作负载意向。", "EngagementLogistics")]
    [InlineData("Blocked", "客户 Copilot 商机 300 席，报价给了 8 折，客户在等年底预算，采购说要走集采，集采要到明年 3 月，另外还想把 E3 升 E5 一起打包谈，代理商返点还没定，回款周期也要重新确认，所以 Copilot 许可还没下单，部署只能等。", "TooLong")]
    public void Analyze_IncompleteNote_IsInsufficient(string l1, string text, string code) => NoteAssert.Graded(l1, text, Grade.Insufficient, code);

    [Fact]
    public void Analyze_ChineseWithEnglishProductNames_IsChinese()
    {
        var result = Coach.Default.Analyze(new NoteInput("客户因为使用 Google Workspace，不会部署 Exchange Online。"));
        Assert.Equal("zh", result.Language);
        Assert.Equal("UsingCompetitiveSolution", result.Suggested?.L2);
    }
}
