namespace Headway.NoteCoach.Tests;

/// <summary>
/// Notes as people write them in the field: a bare "blocked" (no reason: poor, as "Customer has no intent."), attempts without a count, progress held up by a category,
/// and today's product names, whose letters are no cue ("pilot" in "Copilot").
/// </summary>
public class FieldStyleTests
{
    [Theory]
    [InlineData("en", "Blocked.")]
    [InlineData("de", "Blockiert.")]
    [InlineData("zh", "受阻。")]
    [InlineData("ja", "ブロックされています。")]
    [InlineData("en", "Cx blocked, TBD.")]
    [InlineData("de", "Blockiert, mehr wissen wir nicht.")]
    [InlineData("zh", "部署不了。")]
    [InlineData("ja", "展開できません。")]
    public void BlockedWithoutACause_IsPoor(string language, string text)
    {
        var result = NoteAssert.Graded("Blocked", text, Grade.Poor, "MissingReason");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("en", "Tried the customer several times by phone and email, nobody calls back.")]
    [InlineData("de", "Mehrmals beim Kunden nachgefragt, niemand ruft zurück.")]
    [InlineData("zh", "多次联系客户，一直没有回复。")]
    [InlineData("ja", "何度も電話とメールで連絡しましたが、返事がありません。")]
    public void AttemptsWithoutACount_AreInsufficient(string language, string text)
    {
        var result = NoteAssert.Graded("StatusUnknown", text, Grade.Insufficient, "UnresponsiveMissingAttemptCount", "UnresponsiveMissingAccountType");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("en", "Customer unresponsive.")]
    [InlineData("en", "Customer unresponsive, nobody called back.")]
    [InlineData("de", "Kunde reagiert nicht.")]
    [InlineData("zh", "联系不上。")]
    [InlineData("ja", "連絡が取れません。")]
    public void TheBareLabel_StaysPoor(string language, string text)
    {
        var result = NoteAssert.Graded("StatusUnknown", text, Grade.Poor, "UnresponsiveMissingAttemptCount");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("en", "Rollout stuck due to technical issues.")]
    [InlineData("de", "Einführung hängt aus technischen Gründen.")]
    [InlineData("zh", "因为技术问题，部署卡住了。")]
    [InlineData("ja", "技術的な問題により展開が止まっています。")]
    public void ProgressHeldUpByACategory_IsVague(string language, string text)
    {
        var result = NoteAssert.Graded("InProgress", text, Grade.Poor, "VagueReason");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("en", "Blocked", "Blocked due to hardware/network/AD issues.")]
    [InlineData("en", "InProgress", "Onboarding stuck because of technical/network/user issues.")]
    [InlineData("de", "Blocked", "Blockiert wegen Lizenz/Budget/Personal-Themen beim Kunden.")]
    [InlineData("zh", "Blocked", "因为人员、预算、流程各方面的问题，项目搁置。")]
    [InlineData("zh", "NoIntent", "因为本地、网络、安全等方面的原因，客户不上云。")]
    [InlineData("ja", "Blocked", "品質面・性能面の懸念により保留。")]
    [InlineData("ja", "NoIntent", "諸般の事情（コスト・運用・方針）により不要とのこと。")]
    [InlineData("de", "Blocked", "Blockiert wegen Ressourcen/Budget/Prozessen.")]
    [InlineData("de", "InProgress", "Migration stockt wegen Daten/Netz/Personal.")]
    [InlineData("zh", "Blocked", "许可、合同、预算都没落实")]
    [InlineData("zh", "InProgress", "网络／数据方面的问题，迁移不顺利")]
    [InlineData("ja", "Blocked", "機能面・運用面・コスト面の課題があり、全庁展開は困難。")]
    [InlineData("en", "Blocked", "Can't proceed: budget/resources/process.")]
    [InlineData("ja", "Blocked", "インフラ / ネットワーク / セキュリティ的な課題で保留。")]
    [InlineData("de", "Blocked", "Gründe: technisch / Anwendungen")]
    public void SeveralCategoriesAtOnce_AreVague(string language, string l1, string text)
    {
        var result = NoteAssert.Graded(l1, text, Grade.Poor, "VagueReason");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("en", "The IT manager answered: they keep Zoom for all meetings and will not move to Teams.")]
    [InlineData("de", "Der IT-Leiter hat geantwortet: Das Unternehmen nutzt weiter Google Workspace und wechselt nicht zu Exchange Online.")]
    [InlineData("zh", "客户IT经理回复了，全公司统一用钉钉，不会换成 Teams。")]
    [InlineData("ja", "情シス部長から回答あり。会議は全社で Zoom を継続利用するため Teams には移行しないとのこと。")]
    public void AnAnswerFiledAsUnresponsive_IsTheL2ThatIsWrong(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: "StatusUnknown", L2: "CustomerUnresponsive"));

        Assert.Equal(language, result.Language);
        Assert.Equal(Grade.Good, result.Grade);
        Assert.DoesNotContain(result.Findings, f => f.Code.StartsWith("Unresponsive", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Code == "L2Mismatch");
    }

    [Fact]
    public void FiguresAlone_AreUsageOnly()
    {
        var activeDirectory = Coach.Default.Analyze(new NoteInput("アクティブ・ディレクトリの同期課題で保留。", L1: "Blocked"));
        Assert.DoesNotContain(activeDirectory.Findings, f => f.Code == "UsageOnly");
        NoteAssert.Graded("InProgress", "47 of 1,900 licensed users active on Viva Engage in the last 28 days (2.5%).", Grade.Insufficient, "UsageOnly");
        var withPlan = Coach.Default.Analyze(new NoteInput(
            "212 of 400 users active on Teams; the rollout to the plants starts in May, once the Wi-Fi upgrade is done.", L1: "InProgress"));
        Assert.DoesNotContain(withPlan.Findings, f => f.Code == "UsageOnly");
    }

    [Theory]
    [InlineData("Blocked", "Blocked b/c the firewall drops SMTP from EXO, so mailboxes cannot connect.")]
    [InlineData("Blocked", "SPO/OneDrive の同期遅延と3月の大規模障害が続いて経営層が不安視、基幹文書の移行は見合わせ。")]
    [InlineData("NoIntent", "Google Workspace を全社標準として3年契約更新済 → EXO/Teams への移行意向なし。")]
    [InlineData("Blocked", "现场员工对 PC/手机操作不熟练，排班规则也未统一，门店推广暂停。")]
    [InlineData("InProgress", "Rollout underway, Teams/SharePoint data being migrated.")]
    [InlineData("InProgress", "Einführung läuft, Exchange/Teams Daten werden übertragen.")]
    [InlineData("Blocked", "予算未承認のため、技術検証も止まっている。")]
    [InlineData("NoIntent", "現行システムで十分、クラウド化の必要性なし。")]
    [InlineData("Blocked", "シングル・サインオンの問題で保留。")]
    [InlineData("Blocked", "Blocked: licence/budget/resourcing, because the CFO froze all IT spending until the merger with Contoso closes in March.")]
    [InlineData("Blocked", "Exchange/SharePoint/Teams warten, bis die Firewall-Regeln für die Proxy-Umgehung vom Rechenzentrum freigegeben sind.")]
    [InlineData("NoIntent", "No intent: customer standardised on Zoom/Slack/Box.")]
    [InlineData("NoIntent", "客户用钉钉/企业微信/飞书，没有意向。")]
    [InlineData("NoIntent", "Zoom・Slack・Box を全社利用しているため意向なし。")]
    [InlineData("Blocked", "Blocked by GDPR/DPIA/data residency.")]
    [InlineData("Blocked", "Blocked: proxy/firewall/SSL inspection.")]
    [InlineData("Blocked", "因数据驻留、GDPR、等保三级要求受阻。")]
    [InlineData("Blocked", "Blockiert: Betriebsrat/Datenschutz/IT-Sicherheit müssen zustimmen.")]
    public void ListsBesideANamedCause_AreNoVagueReason(string l1, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: l1));
        Assert.DoesNotContain(result.Findings, f => f.Code == "VagueReason");
        Assert.NotEqual(Grade.Poor, result.Grade);
    }

    [Theory]
    [InlineData("en", "Rollout stuck because the proxy strips the authentication header, so Teams cannot sign in.")]
    [InlineData("de", "Einführung hängt, weil der Proxy den Anmeldeheader entfernt und Teams sich nicht anmelden kann.")]
    [InlineData("zh", "部署卡住了，因为代理服务器会删除身份验证头，Teams 无法登录。")]
    [InlineData("ja", "プロキシが認証ヘッダーを削除するため Teams にサインインできず、展開が止まっています。")]
    public void ProgressHeldUpByANamedCause_IsNoVagueReason(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: "InProgress"));
        Assert.Equal(language, result.Language);
        Assert.DoesNotContain(result.Findings, f => f.Code == "VagueReason");
        Assert.NotEqual(Grade.Poor, result.Grade);
    }

    [Theory]
    [InlineData("en", "No intent for Copilot for legal reasons.")]
    [InlineData("de", "Kein Einsatz von Copilot aus rechtlichen Gründen.")]
    [InlineData("zh", "由于法律原因，不上 Copilot。")]
    [InlineData("ja", "法的な理由で Copilot は導入しません。")]
    public void AProductName_IsNoCause(string language, string text)
    {
        var result = NoteAssert.Graded("NoIntent", text, Grade.Poor, "VagueReason");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("Copilot")]
    [InlineData("Viva Engage")]
    [InlineData("Entra ID")]
    [InlineData("Power BI")]
    public void AProductName_IsAMentionNotAWord(string product)
    {
        // "In progress" plus a product is still the status restated: the name adds no detail of its own.
        var result = Coach.Default.Analyze(new NoteInput($"{product} in progress.", L1: "InProgress", Language: "en"));
        Assert.Contains(result.Findings, f => f.Code == "StatusOnly");
    }

    [Theory]
    [InlineData("zh", "等新 CIO 上任之后再决定是否部署 Intune。")]
    [InlineData("zh", "公司被收购，等交割完成后再评估 Teams。")]
    [InlineData("zh", "暂不部署，直到母公司的合并完成。")]
    [InlineData("en", "No intent until the new CIO has started.")]
    [InlineData("de", "Keine Absicht, bis der neue CIO angefangen hat.")]
    public void AConditionIsNoCause_WhereverItsClauseStands(string language, string text)
    {
        // Chinese puts the condition before its marker ("之后再"), English and German after ("until", "bis").
        var result = NoteAssert.Graded("NoIntent", text, Grade.Insufficient, "MissingDetail");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("en", "New subscription.")]
    [InlineData("de", "Neues Abo.")]
    [InlineData("de", "Neuer Workload, Status unbekannt.")]
    [InlineData("zh", "新订阅。")]
    [InlineData("ja", "新規サブスクリプション。")]
    public void TheL2sNameAlone_RestatesTheStatus(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, "StatusUnknown", "NewSubscriptionOrWorkload"));
        Assert.Equal(language, result.Language);
        Assert.Equal(Grade.Insufficient, result.Grade);
        Assert.Contains(result.Findings, f => f.Code == "StatusOnly");
    }

    [Theory]
    [InlineData("en", "Customer declined our workshops and the assessment.")]
    [InlineData("de", "Kunde lehnt Unterstützung durch uns ab, möchte keine Workshops.")]
    [InlineData("zh", "客户拒绝了我们的研讨会。")]
    [InlineData("ja", "導入支援ワークショップのご提案は先方が辞退。")]
    public void DecliningWorkshops_IsDeclinedAssistance_NotLogistics(string language, string text)
    {
        var result = NoteAssert.Graded("NoIntent", text, Grade.Insufficient, "DeclinedAssistanceNotNoIntent");
        Assert.Equal(language, result.Language);
        Assert.DoesNotContain(result.Findings, f => f.Code == "EngagementLogistics");
    }

    [Theory]
    [InlineData("en", "Kickoff call with the IT lead set for Thursday to gather the intent.")]
    [InlineData("de", "Kick-off-Termin mit der IT-Leitung am Donnerstag angesetzt, um die Absicht zu klären.")]
    [InlineData("zh", "约了 IT 负责人周四开 kickoff 会，确认意向。")]
    [InlineData("ja", "意向を確認するため、情報システム部長と来週木曜にキックオフMTGを設定。")]
    public void AMeetingToGatherTheIntent_IsLogistics(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, "StatusUnknown", "NewSubscriptionOrWorkload"));
        Assert.Equal(language, result.Language);
        Assert.Equal(Grade.Insufficient, result.Grade);
        Assert.Contains(result.Findings, f => f.Code == "EngagementLogistics");
    }

    [Theory]
    [InlineData("zh", "#covid 厂里停工，IT的人都被抽去做防疫登记了，Intune 布署先停一停。")]
    [InlineData("zh", "疫情期间培训停了，Teams 推广也先停一下 #covid")]
    [InlineData("ja", "#covid 新型コロナウイルス対応業務の増加に伴い、Teams導入作業を一時休止する。")]
    public void SpokenPauses_WithTheCovidTag_AreFlagged(string language, string text)
    {
        var result = NoteAssert.Graded("Blocked", text, Grade.Insufficient, "CovidTagOnPause");
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("Go-Live nicht möglich.")]
    [InlineData("Kein Bedarf lt. GF.")]
    public void AMilestoneOrAnAttribution_IsNoReason(string text)
    {
        var result = NoteAssert.Graded("Blocked", text, Grade.Poor, "MissingReason");
        Assert.Equal("de", result.Language);
    }

    [Theory]
    [InlineData("zh", "客户 IT 一直不回 email，Teams 上 ping 也是已读不回，account team 也说联系不上")]
    [InlineData("en", "Customer never reply my emails and calls, partner also no response.")]
    [InlineData("ja", "FYI 先方・パートナーともにレスポンスなし、引き続きフォローします。")]
    public void ChannelsTried_AreAttemptsWithoutACount(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: "StatusUnknown", L2: "CustomerUnresponsive"));

        Assert.Equal(language, result.Language);
        Assert.Equal(Grade.Insufficient, result.Grade);
        Assert.Contains(result.Findings, f => f.Code == "UnresponsiveMissingAttemptCount");
        Assert.Contains(result.Findings, f => f.Code == "UnresponsiveMissingAccountType");
    }

    [Theory]
    [InlineData("de", "Entra Connect kann nicht eingeführt werden, solange das AD mit 3 Forests und doppelten UPNs aus der alten Verwaltung nicht bereinigt ist.")]
    [InlineData("en", "Blocked: the Intune deployment partner cannot start until the amendment to the state master services agreement clears the Joint Budget Committee in March.")]
    public void AConditionToldInFull_IsItsCause(string language, string text)
    {
        var result = NoteAssert.Graded("Blocked", text, Grade.Good);
        Assert.Equal(language, result.Language);
        NoteAssert.Graded("NoIntent", "The customer will not deploy until the merger completes.", Grade.Insufficient, "MissingDetail");
    }

    [Theory]
    [InlineData("en", "New subscription, intent unknown.")]
    [InlineData("de", "Neuer Workload, Intent offen.")]
    [InlineData("ja", "新規ワークロード／意向未確認")]
    [InlineData("zh", "新订阅，意向未知。")]
    [InlineData("ja", "新規サブスクリプション、意向不明。")]
    public void NewAndIntentUnknown_OnlyRestatesTheStatus(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: "StatusUnknown", L2: "NewSubscriptionOrWorkload"));

        Assert.Equal(language, result.Language);
        Assert.Equal(Grade.Insufficient, result.Grade);
        Assert.Contains(result.Findings, f => f.Code == "StatusOnly");
    }

    [Theory]
    [InlineData("Power BI Pro bought 03/2025 (250 seats), intent for this workload unknown.")]
    [InlineData("客户 3 月新购 Copilot 300 席，工作负载意向未知。")]
    [InlineData("Power BI Pro neu gekauft (03/2025, 250 Lizenzen), Absicht des Kd. für diesen Workload unbekannt.")]
    [InlineData("新订阅 Copilot，意向未知。")]
    [InlineData("New subscription (300 seats), intent unknown.")]
    [InlineData("Intent unknown, customer declined to share plans.")]
    public void WhatIsNew_WithIntentUnknown_IsGood(string text) =>
        Assert.Equal(Grade.Good, Coach.Default.Analyze(new NoteInput(text, L1: "StatusUnknown", L2: "NewSubscriptionOrWorkload")).Grade);

    [Theory]
    [InlineData("zh", "迁移进行中，没啥问题。")]
    [InlineData("zh", "Microsoft 365 应用部署工作正按计划有序推进。")]
    [InlineData("ja", "移行につきましては、予定どおり順調に進んでおります。")]
    public void ProgressAsPlanned_OnlyRestatesTheStatus(string language, string text)
    {
        var result = NoteAssert.Graded("InProgress", text, Grade.Insufficient, "StatusOnly");
        Assert.Equal(language, result.Language);
        NoteAssert.Graded("InProgress", "已迁移 320 个邮箱，按计划 12 月底完成。", Grade.Good);
    }

    [Theory]
    [InlineData("ｸﾗｳﾄﾞとかﾃﾞｰﾀとか法律とかの問題で入れられへんらしい。", "ｸﾗｳﾄﾞとかﾃﾞｰﾀとか法律")]
    [InlineData("オンプレミスやセキュリティ、コストの関係で、クラウド サービスを利用する意向はございません。", "オンプレミスやセキュリティ、コスト")]
    [InlineData("パートナー、契約、リソース等の複合的な要因により遅延しております。", "パートナー、契約、リソース")]
    [InlineData("ｾｷｭﾘﾃｨとかﾃﾞｰﾀとかｸﾗｳﾄﾞ等の課題で入れられない。", "ｾｷｭﾘﾃｨとかﾃﾞｰﾀとかｸﾗｳﾄﾞ")]
    public void CategoriesJoinedByParticles_AreAVagueList(string text, string list)
    {
        var result = NoteAssert.Graded("Blocked", text, Grade.Poor, "VagueReason");
        var vague = result.Findings.First(f => f.Code == "VagueReason");
        Assert.Equal(list, text.Substring(vague.Start, vague.Length));
    }

    [Theory]
    [InlineData("端末のスペック不足やネットワーク帯域の問題で延期。")]
    [InlineData("ストレージ容量不足やネットワーク遅延の問題で移行延期。")]
    public void NamedCausesJoinedByParticles_AreNoVagueList(string text) =>
        Assert.DoesNotContain(Coach.Default.Analyze(new NoteInput(text, L1: "Blocked")).Findings, f => f.Code == "VagueReason");

    [Theory]
    [InlineData("ﾗｲｾﾝｽ", "ライセンス")]
    [InlineData("ﾃﾞｰﾀ ﾊﾟｰﾄﾅｰ", "データ パートナー")]
    [InlineData("ｾｷｭﾘﾃｨ､ｺｽﾄ｡", "セキュリティ、コスト。")]
    public void HalfWidthKatakana_ReadsAsFullWidth(string halfWidth, string fullWidth)
    {
        Assert.Equal(Matching.TextNormalizer.NormalizePhrase(fullWidth), Matching.TextNormalizer.NormalizePhrase(halfWidth));
        var note = $"{halfWidth}の問題で展開できない。";
        var same = $"{fullWidth}の問題で展開できない。";
        var a = Coach.Default.Analyze(new NoteInput(note, L1: "Blocked"));
        var b = Coach.Default.Analyze(new NoteInput(same, L1: "Blocked"));
        Assert.Equal(b.Grade, a.Grade);
        Assert.Equal(b.Findings.Select(f => f.Code), a.Findings.Select(f => f.Code));
    }

    [Fact]
    public void HalfWidthKatakana_TableMatchesUnicode()
    {
        for (var c = '\uFF61'; c <= '\uFF9D'; c++)
        {
            var half = c.ToString();
            Assert.Equal(Matching.TextNormalizer.NormalizePhrase(half.Normalize(System.Text.NormalizationForm.FormKC)), Matching.TextNormalizer.NormalizePhrase(half));
            foreach (var mark in "\uFF9E\uFF9F")
            {
                var marked = string.Concat(c, mark).Normalize(System.Text.NormalizationForm.FormKC);
                if (marked.Length == 1)
                {
                    Assert.Equal(marked, Matching.TextNormalizer.NormalizePhrase(string.Concat(c, mark)));
                }
            }
        }
    }

    [Fact]
    public void ATicketReference_IsNoCause()
    {
        NoteAssert.Graded("Blocked", "Blocked, HW-5520", Grade.Poor, "MissingReason");
        NoteAssert.Graded("Blocked", "Blockiert, siehe INC-20417.", Grade.Poor, "MissingReason");
        NoteAssert.Graded("Blocked", "Blockiert, siehe INC–20417.", Grade.Poor, "MissingReason");
        NoteAssert.Graded("Blocked", "受阻，工单 TEL-661", Grade.Poor, "MissingReason");

        // A product's name with its version is no ticket.
        NoteAssert.Graded("NoIntent", "No intent: staying on GroupWise-18.", Grade.Insufficient, "MissingDetail");
    }

    /// <summary>A partner without the skills for the workload is a cause told in full, and it points to partner engagement.</summary>
    [Theory]
    [InlineData("en", "Blocked: the partner has no experience with Intune and the customer is looking for another partner.")]
    [InlineData("de", "Blockiert, weil der Partner keine Erfahrung mit Purview hat; der Kunde sucht einen neuen Partner.")]
    [InlineData("zh", "合作伙伴没有 Intune 实施经验，方案两次被客户退回，客户在找新的合作伙伴。")]
    [InlineData("ja", "パートナーに Intune の導入経験がなく設計が進まないため、お客様は別のパートナーを検討中です。")]
    public void APartnerWithoutTheSkills_IsACause(string language, string text)
    {
        var result = Coach.Default.Analyze(new NoteInput(text, L1: "Blocked", L2: "PartnerEngagement"));
        Assert.Equal(language, result.Language);
        Assert.True(result.Grade == Grade.Good, $"{result.Grade} [{string.Join(", ", result.Findings.Select(f => f.Code))}] for: {text}");
        Assert.Equal("PartnerEngagement", result.Suggested?.L2);
    }
}
