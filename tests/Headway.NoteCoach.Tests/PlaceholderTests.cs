using System.Text.Json;

namespace Headway.NoteCoach.Tests;

/// <summary>
/// A template inserted in the editor and left with its placeholders is the template's sentence, not a note: Poor, with
/// one UnfilledPlaceholder finding on each placeholder so the editor can select it. The templates are the ones the
/// editor offers (the Domain's templates.json), in every language.
/// </summary>
public class PlaceholderTests
{
    public static TheoryData<string, string, string> Templates()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Templates", "templates.json")));
        var data = new TheoryData<string, string, string>();
        foreach (var l1 in document.RootElement.GetProperty("templates").EnumerateObject())
        {
            foreach (var template in l1.Value.EnumerateArray())
            {
                foreach (var text in template.EnumerateObject())
                {
                    data.Add(l1.Name, text.Name, text.Value.GetString()!);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void ATemplateLeftUnfilled_IsPoor_WithEachPlaceholderSelected(string l1, string language, string template)
    {
        var placeholders = System.Text.RegularExpressions.Regex.Matches(template, @"\[[^\]]+\]");
        var result = Coach.Default.Analyze(new NoteInput(template, L1: l1));
        var found = result.Findings.Where(f => f.Code == "UnfilledPlaceholder").Select(f => template.Substring(f.Start, f.Length)).ToList();
        Assert.Equal(placeholders.Select(m => m.Value), found);
        if (placeholders.Count > 0)
        {
            Assert.True(result.Grade == Grade.Poor, $"{language}: {result.Grade} for {template}");
            Assert.Contains(found[0], Coach.Default.RenderMessage(result.Findings.First(f => f.Code == "UnfilledPlaceholder"), language), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Blocked", "Customer is blocked by 【主要问题】 until the proxy is replaced.", "【主要问题】")]
    [InlineData("Blocked", "客户因［主要问题］而无法部署，预计下季度解决。", "［主要问题］")]
    [InlineData("NoIntent", "Kunde hat keine Absicht, den Dienst zu nutzen, wegen <Hauptproblem> und <Details>.", "<Hauptproblem>")]
    [InlineData("InProgress", "お客様は展開を進めており、〔フェーズ〕にあります。", "〔フェーズ〕")]
    [InlineData("Blocked", "お客様は＜主な問題＞のため展開できず、＜詳細＞の解消を待っています。", "＜主な問題＞")]
    [InlineData("Blocked", "[パートナー名]との契約締結待ち", "[パートナー名]")]
    [InlineData("Blocked", "[客户名]的 IT 部门还没批", "[客户名]")]
    public void BracketsOfEveryKind_AreFound(string l1, string text, string first)
    {
        var result = NoteAssert.Graded(l1, text, Grade.Poor, "UnfilledPlaceholder");
        var finding = result.Findings.First(f => f.Code == "UnfilledPlaceholder");
        Assert.Equal(first, text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("Blocked", "【进展】客户因防火墙不转发 SMTP 流量而无法部署 Exchange Online，网络团队正在更换设备。")]
    [InlineData("InProgress", "【状況】3,400 メールボックス中 1,200 件が移行済み、残りは拠点ごとに実施。")]
    [InlineData("Blocked", "[Update]: blocked because the ASA firewalls strip STARTTLS, so on-premises mail to EXO is rejected.")]
    [InlineData("Blocked", "Blocked because the bank's regulator (FINMA circular [2018/3]) forbids storing client data abroad.")]
    [InlineData("NoIntent", "Keine Absicht: der Kunde nutzt Slack, Vertrag bis 2027 (lt. Mail von <it-leitung@kunde.example>).")]
    [InlineData("InProgress", "移行中：3,400 メールボックスのうち 1,200 件が完了[1]、残りは拠点ごとに移行予定。")]
    [InlineData("Blocked", "Blockiert: Latenz zum Rechenzentrum <10 ms gefordert, gemessen >40 ms, der Kunde tauscht die WAN-Leitung bis März.")]
    [InlineData("InProgress", "パイロット中：遅延＜50ms の拠点から展開、残り＞20 拠点は回線増強後に移行予定。")]
    [InlineData("Blocked", "【现状】Intune 部署受阻【原因】Intune 无法管理基于 QNX 的车机调试终端【下一步】已提交功能需求，等待答复")]
    [InlineData("Blocked", "【现状】研发域不部署 Copilot【原因】《汽车数据安全管理若干规定》要求重要数据境内存储【下一步】无")]
    [InlineData("InProgress", "【現状】1,200 件移行済み。【課題】残り 2,200 件は回線増強待ち【次の対応】10 月に再開")]
    public void LabelsFootnotesAddressesAndComparisons_AreNoPlaceholders(string l1, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: l1));
        Assert.DoesNotContain(result.Findings, f => f.Code == "UnfilledPlaceholder");
    }

    [Theory]
    [InlineData("Blocked", "【现状】受阻【原因】合作伙伴［名称］合同未签订【下一步】［日期］前完成签约", "［名称］")]
    [InlineData("StatusUnknown", "［N］回連絡を取ろうとしましたが返信がありません。［管理/非管理］アカウント。", "［N］")]
    [InlineData("StatusUnknown", "【新增工作负载名称】于【日期】加入订阅，意向待收集。", "【日期】")]
    public void PlaceholdersBesideHeadings_AreStillFound(string l1, string text, string placeholder)
    {
        var result = NoteAssert.Graded(l1, text, Grade.Poor, "UnfilledPlaceholder");
        Assert.Contains(result.Findings, f => f.Code == "UnfilledPlaceholder" && text.Substring(f.Start, f.Length) == placeholder);
    }
}
