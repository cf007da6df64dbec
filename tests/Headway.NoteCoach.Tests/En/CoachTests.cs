namespace Headway.NoteCoach.Tests.En;

public class CoachTests
{
    [Theory]
    [InlineData("NoIntent", "Customer has no intent to onboard the workload because they are acquiring another company and all IT projects are frozen until the deal closes.")]
    [InlineData("Blocked", "Customer will not deploy because the firewall does not forward traffic correctly, so Outlook cannot connect to the mailboxes.")]
    [InlineData("Blocked", "Blocked because a banking regulation forbids storing client data outside Switzerland.")]
    [InlineData("NoIntent", "No intent to use Teams because the company standardized on Slack and Zoom last year.")]
    [InlineData("InProgress", "Customer is progressing with deployment; they are in the pilot phase with 50 users in finance.")]
    [InlineData("InProgress", "Migration of 2,000 mailboxes is under way in weekly batches.")]
    [InlineData("StatusUnknown", "No response to 4 contact attempts by email and phone. Unmanaged account.")]
    [InlineData("DuplicateInvalid", "Duplicate of tenant contoso.onmicrosoft.com; the same licences were counted twice.")]
    [InlineData("Blocked", "Customer is blocked by ADFS claim rules that break modern authentication until the new proxy is implemented.")]
    public void Analyze_SpecificNote_IsGood(string l1, string text) => NoteAssert.Graded(l1, text, Grade.Good);

    [Theory]
    [InlineData("Blocked", "Customer can't deploy at this time.", "MissingReason")]
    [InlineData("NoIntent", "Customer has no intent.", "MissingReason")]
    [InlineData("Blocked", "Cannot deploy due to cloud/data/legal issues.", "VagueReason")]
    [InlineData("StatusUnknown", "Customer unresponsive.", "UnresponsiveMissingAttemptCount")]
    [InlineData("DuplicateInvalid", "Duplicate tenant, see list.", "MissingReason")]
    [InlineData("InProgress", "tbd", "MissingReason")]
    [InlineData("NoIntent", "   ", "EmptyNote")]
    public void Analyze_NoteWithoutUsableReason_IsPoor(string l1, string text, string code) => NoteAssert.Graded(l1, text, Grade.Poor, code);

    [Theory]
    [InlineData("InProgress", "In progress.", "StatusOnly")]
    [InlineData("Blocked", "The customer will not deploy due to specific on-premises infrastructure.", "MissingDetail")]
    [InlineData("NoIntent", "The customer will not deploy until the merger completes.", "MissingDetail")]
    [InlineData("StatusUnknown", "Several attempts to reach the customer went unanswered.", "UnresponsiveMissingAttemptCount")]
    [InlineData("StatusUnknown", "No reply to 3 emails.", "UnresponsiveMissingAccountType")]
    [InlineData("NoIntent", "Customer declined FastTrack assistance.", "DeclinedAssistanceNotNoIntent")]
    [InlineData("NoIntent", "Usage is 0.0%.", "UsageOnly")]
    [InlineData("DuplicateInvalid", "Duplicate.", "StatusOnly")]
    [InlineData("Blocked", "Blocked by licensing issues.", "MissingDetail")]
    [InlineData("InProgress", "Set up a kickoff meeting next week to gather workload intent.", "EngagementLogistics")]
    public void Analyze_IncompleteNote_IsInsufficient(string l1, string text, string code) => NoteAssert.Graded(l1, text, Grade.Insufficient, code);

    [Fact]
    public void Analyze_LongNoteWithChatter_IsTooLong()
    {
        const string text = "The service will not be deployed because regulation X forbids storing data abroad. The account team is involved to find a solution, but that is unlikely. "
            + "The roadmap is being explored for a possible feature. The FM holds regular sync calls with the customer. If no solution is found, the customer will probably use a competitor. Consulting may be used, depending on funding.";
        NoteAssert.Graded("Blocked", text, Grade.Insufficient, "TooLong");
    }

    [Fact]
    public void Analyze_VagueTimeWordInGoodNote_StaysGoodWithWarning()
    {
        var result = NoteAssert.Graded("InProgress", "Customer continues the deployment and is currently working on remediation steps for the user groups.", Grade.Good, "VagueTimeWord");
        var finding = result.Findings.Single(f => f.Code == "VagueTimeWord");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("currently", "Customer continues the deployment and is currently working on remediation steps for the user groups.".Substring(finding.Start, finding.Length));
        Assert.Equal("currently", finding.Args[0]);
    }

    [Fact]
    public void Analyze_CovidTagOnPausedDeployment_FlagsTag()
    {
        NoteAssert.Graded("Blocked", "Deployment paused because the IT team was reassigned to build home-working laptops for 3,000 staff. #covid", Grade.Insufficient, "CovidTagOnPause");
    }

    [Fact]
    public void Analyze_FirewallNoteUnderLegal_ReportsL2Mismatch()
    {
        var result = Coach.Default.Analyze(new NoteInput("Customer is blocked because the proxy strips authentication headers and the firewall drops SMTP traffic.", "Blocked", "LegalRegulatory"));
        var mismatch = Assert.Single(result.Findings, f => f.Code == "L2Mismatch");
        Assert.Equal("CustomerItInfrastructureRemediation", mismatch.Args[0]);
        Assert.Equal("CustomerItInfrastructureRemediation", result.Suggested?.L2);
    }

    [Theory]
    [InlineData("Blocked because the customer's own security policy forbids external sharing and guest access.", "Blocked", "SecurityPrivacyNonProduct")]
    [InlineData("Blocked because the national banking law forbids storing client data abroad.", "Blocked", "LegalRegulatory")]
    [InlineData("Unable to deploy until an in-country datacenter exists, because of a missing feature.", "Blocked", "ProductFeatureCapability")]
    [InlineData("Network limitations keep them on-premises: branch offices have too little bandwidth.", "Blocked", "CustomerItInfrastructureRemediation")]
    [InlineData("No intent because they already use Google Workspace for mail and chat.", "NoIntent", "UsingCompetitiveSolution")]
    [InlineData("Licences were never assigned and the wrong SKU was purchased.", "Blocked", "BillingLicensingSubscription")]
    [InlineData("Their ERP add-in is not certified for the new Outlook.", "Blocked", "AppCompatibility")]
    [InlineData("Partner selection is delayed; the statement of work is not signed.", "Blocked", "PartnerEngagement")]
    public void Analyze_Note_SuggestsStatusFromDefinitions(string text, string l1, string l2) => NoteAssert.Suggests(text, l1, l2);

    [Fact]
    public void Analyze_TextWithAbbreviationsAndVersions_CountsTwoSentences()
    {
        // "e.g.", "16.0.1" and "0.0%" must not end sentences; two sentences are fine, so no TooLong.
        var result = Coach.Default.Analyze(new NoteInput("Blocked because clients run Office 365 build 16.0.1 with old add-ins, e.g. the CRM plugin. Usage is 0.0% on https://contoso.sharepoint.com/sites/x.y until fixed.", "Blocked"));
        Assert.DoesNotContain(result.Findings, f => f.Code == "TooLong");
        Assert.Equal("en", result.Language);
    }
}
