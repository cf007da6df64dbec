using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Domain.Tests;

public class EntitlementRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static Tenant NewTenant() => new() { Id = 7, Name = "Contoso", Country = "DE", Region = "EMEA", PartnerId = 3 };

    private static Entitlement NewEntitlement(Tenant tenant, string workload = "EXO")
    {
        var result = EntitlementRules.Create(tenant, [], workload, "gateway", Now.AddDays(-30), WorkloadCatalogue.Default);
        Assert.True(result.Succeeded);
        return result.Value.Entitlement;
    }

    private static Result<EntitlementEdit> Change(Tenant tenant, Entitlement e, EntitlementUpdate u, IReadOnlyCollection<Entitlement>? siblings = null, IReadOnlyCollection<string>? l3 = null) =>
        EntitlementRules.Change(tenant, e, siblings ?? [e], u, l3 ?? [], "fm@example", Now);

    [Fact]
    public void Create_NewEntitlement_StartsAsNewSubscriptionOrWorkloadWithHistory()
    {
        var tenant = NewTenant();

        var result = EntitlementRules.Create(tenant, ["SPO"], "exo", "gateway", Now, WorkloadCatalogue.Default);

        Assert.True(result.Succeeded);
        var (e, change) = result.Value;
        Assert.Equal(("EXO", "StatusUnknown", "NewSubscriptionOrWorkload", 1), (e.Workload, e.L1, e.L2, e.Version));
        Assert.Equal(tenant.PartnerId, e.PartnerId);
        Assert.Equal(ChangeKind.Created, change.Kind);
        Assert.Contains(change.Changes, c => c is { Field: "L1", Before: null, After: "StatusUnknown" });
    }

    [Theory]
    [InlineData("CORE", RefusalCodes.WorkloadNotEntitlement)]
    [InlineData("CRM", RefusalCodes.UnknownWorkload)]
    [InlineData("SPO", RefusalCodes.EntitlementExists)]
    public void Create_InvalidWorkload_IsRefused(string workload, string code)
    {
        var result = EntitlementRules.Create(NewTenant(), ["SPO"], workload, "gateway", Now, WorkloadCatalogue.Default);

        Assert.Equal(code, result.Refusal?.Code);
    }

    /// <summary>
    /// The one table of allowed combinations and required fields: L1, L2, target date, engagement start date,
    /// projected unblock date, and the refusal expected (null = allowed).
    /// </summary>
    public static TheoryData<string, string?, int?, int?, int?, string?> Combinations => new()
    {
        { "StatusUnknown", "CustomerUnresponsive", null, null, null, null },
        { "StatusUnknown", "NewSubscriptionOrWorkload", null, null, null, null },
        { "StatusUnknown", null, null, null, null, RefusalCodes.L2Required },
        { "StatusUnknown", "Migration", null, null, null, RefusalCodes.L2NotUnderL1 },
        { "InProgress", "TechnicalOnboardingDeployment", 30, null, null, null },
        { "InProgress", "Migration", 0, -10, null, null },
        { "InProgress", "SolutionOrUserAdoption", null, null, null, RefusalCodes.TargetDateRequired },
        { "InProgress", "Migration", -1, null, null, RefusalCodes.TargetDateInPast },
        { "InProgress", "LegalRegulatory", 30, null, null, RefusalCodes.L2NotUnderL1 },
        { "InProgress", "Migration", 30, null, 40, RefusalCodes.ProjectedUnblockDateOnlyBlocked },
        { "InProgress", null, 30, null, null, RefusalCodes.L2Required },
        { "NoIntent", "UsingCompetitiveSolution", null, null, null, null },
        { "NoIntent", "ExecutiveSponsorship", null, 5, null, RefusalCodes.EngagementStartDateOnlyInProgress },
        { "NoIntent", "AppCompatibility", null, null, null, RefusalCodes.L2NotUnderL1 },
        { "Blocked", "LegalRegulatory", null, null, 60, null },
        { "Blocked", "SecurityPrivacyNonProduct", null, null, null, null },
        { "Blocked", "ServiceReliability", null, -3, null, RefusalCodes.EngagementStartDateOnlyInProgress },
        { "Blocked", "UsingCompetitiveSolution", null, null, null, RefusalCodes.L2NotUnderL1 },
        { "Blocked", "NoSuchReason", null, null, null, RefusalCodes.UnknownL2 },
        { "DuplicateInvalid", "CustomerUnresponsive", null, null, null, RefusalCodes.L2NotAllowed },
        { "Finished", null, null, null, null, RefusalCodes.UnknownL1 },
        { "inprogress", "Migration", 30, null, null, RefusalCodes.UnknownL1 },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Change_StatusCombination_IsAllowedOrRefusedByTheTable(string l1, string? l2, int? target, int? start, int? unblock, string? refusal)
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);
        var update = new EntitlementUpdate(l1, l2, TargetDate: Day(target), EngagementStartDate: Day(start), ProjectedUnblockDate: Day(unblock));

        var result = Change(tenant, e, update);

        Assert.Equal(refusal, result.Refusal?.Code);
        if (refusal is null)
        {
            Assert.Equal((l1, l2), (e.L1, e.L2));
        }
        else
        {
            Assert.Equal(("StatusUnknown", 1), (e.L1, e.Version));
        }
    }

    [Fact]
    public void Change_InProgressKeepingALapsedTargetDate_IsAllowed()
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);
        // A state from earlier, when the date was still ahead (Restore brings a state back without the rules).
        EntitlementRules.Restore(e, new EntitlementUpdate("InProgress", "Migration", TargetDate: Today.AddDays(-10)), "fm@example", Now.AddDays(-20));

        var result = Change(tenant, e, new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox migration of the second wave.", TargetDate: Today.AddDays(-10)));

        Assert.True(result.Succeeded);
        Assert.Equal("Mailbox migration of the second wave.", e.Note);
    }

    [Fact]
    public void Change_MovingIntoInProgressWithALapsedDate_IsRefused()
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);
        EntitlementRules.Restore(e, EntitlementUpdate.From(e) with { TargetDate = Today.AddDays(-10) }, "fm@example", Now.AddDays(-20));

        var result = Change(tenant, e, new EntitlementUpdate("InProgress", "Migration", TargetDate: Today.AddDays(-10)));

        Assert.Equal(RefusalCodes.TargetDateInPast, result.Refusal?.Code);
        Assert.Equal("targetDate", result.Refusal?.Field);
    }

    [Theory]
    [InlineData("InProgress", "Migration", "targetDate")]
    [InlineData("Blocked", "LegalRegulatory", "projectedUnblockDate")]
    [InlineData("InProgress", "TechnicalOnboardingDeployment", "nextActionDate")]
    public void Change_ADateInYear9999_IsRefusedWithItsField_AndChangesNothing(string l1, string l2, string field)
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);
        var far = new DateOnly(9999, 12, 31);
        var update = field switch
        {
            "targetDate" => new EntitlementUpdate(l1, l2, TargetDate: far),
            "projectedUnblockDate" => new EntitlementUpdate(l1, l2, Note: "Data residency rules forbid the service.", ProjectedUnblockDate: far),
            _ => new EntitlementUpdate(l1, l2, TargetDate: Today.AddDays(30), NextAction: "Call the IT lead.", NextActionDate: far),
        };
        var before = e.L1;

        var result = Change(tenant, e, update);

        Assert.Equal(RefusalCodes.DateOutOfRange, result.Refusal?.Code);
        Assert.Equal(field, result.Refusal?.Field);
        Assert.Equal(before, e.L1);
        Assert.Equal(["9999-12-31", "1900-01-01", "2999-12-31"], result.Refusal!.Args);
    }

    [Fact]
    public void DateRules_TheLastAndFirstDayAreIn_TheDaysAroundThemOut()
    {
        Assert.True(DateRules.InRange(DateRules.Earliest));
        Assert.True(DateRules.InRange(DateRules.Latest));
        Assert.False(DateRules.InRange(DateRules.Earliest.AddDays(-1)));
        Assert.False(DateRules.InRange(DateRules.Latest.AddDays(1)));
        Assert.Null(DateRules.Check(("a", null), ("b", DateRules.Latest)));
        Assert.Equal("b", DateRules.Check(("a", DateRules.Earliest), ("b", DateOnly.MaxValue))?.Field);
    }

    [Fact]
    public void Change_SeveralFields_AppendsOneEntryWithEveryFieldBeforeAndAfter()
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);
        Assert.True(Change(tenant, e, new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "Old note.")).Succeeded);

        var result = Change(tenant, e, new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox move under way.",
            TargetDate: Today.AddDays(20), NextAction: "Pilot group", NextActionOwner: "Partner"));

        var change = result.Value?.Change;
        Assert.NotNull(change);
        Assert.Equal(ChangeKind.Edited, change.Kind);
        Assert.Equal(("fm@example", Now), (change.ChangedBy, change.ChangedAt));
        Assert.Equal(
            [
                new FieldChange("L1", "Blocked", "InProgress"),
                new FieldChange("L2", "LegalRegulatory", "Migration"),
                new FieldChange("Note", "Old note.", "Mailbox move under way."),
                new FieldChange("TargetDate", null, "2026-07-05"),
                new FieldChange("NextAction", null, "Pilot group"),
                new FieldChange("NextActionOwner", null, "Partner"),
            ],
            change.Changes);
        Assert.Equal(("InProgress", "Migration", "Mailbox move under way."), (change.L1, change.L2, change.Note));
        Assert.Equal(3, e.Version);
        Assert.Equal("fm@example", e.LastChangedBy);
    }

    [Fact]
    public void Change_NothingDiffers_WritesNoHistoryAndKeepsTheVersion()
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);

        var result = Change(tenant, e, new EntitlementUpdate("StatusUnknown", "NewSubscriptionOrWorkload", Note: "   "));

        Assert.True(result.Succeeded);
        Assert.Null(result.Value.Change);
        Assert.Equal(1, e.Version);
    }

    [Fact]
    public void Change_UnknownL3_IsRefusedAndKnownL3IsKept()
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);

        var refused = Change(tenant, e, new EntitlementUpdate("Blocked", "LegalRegulatory", L3: "Gdpr"));
        var allowed = Change(tenant, e, new EntitlementUpdate("Blocked", "LegalRegulatory", L3: "Gdpr"), l3: ["Gdpr"]);

        Assert.Equal(RefusalCodes.UnknownL3, refused.Refusal?.Code);
        Assert.True(allowed.Succeeded);
        Assert.Equal("Gdpr", e.L3);
    }

    [Fact]
    public void Change_NoteOver4000Characters_IsRefused()
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);

        var result = Change(tenant, e, new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: new string('x', 100 * 1024)));

        Assert.Equal(RefusalCodes.NoteTooLong, result.Refusal?.Code);
        Assert.Null(e.Note);
    }

    [Fact]
    public void Change_OutlookMobileWithProPlusAndNoExchange_MayBeDuplicateInvalidAlone()
    {
        var tenant = NewTenant();
        var olm = NewEntitlement(tenant, "OLM");
        var opp = NewEntitlement(tenant, "OPP");

        var result = Change(tenant, olm, new EntitlementUpdate("DuplicateInvalid", null, Note: "ProPlus only; no Exchange mailboxes to connect."), [olm, opp]);

        Assert.True(result.Succeeded);
        Assert.Equal("DuplicateInvalid", olm.L1);
    }

    [Theory]
    [InlineData("OLM", "OPP EXO")]
    [InlineData("OLM", "SPO")]
    [InlineData("EXO", "OPP")]
    [InlineData("TEAMS", "OPP")]
    public void Change_DuplicateInvalidOnOneEntitlementOtherwise_IsRefused(string workload, string others)
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant, workload);
        var siblings = others.Split(' ').Select(w => NewEntitlement(tenant, w)).Append(e).ToArray();

        var result = Change(tenant, e, new EntitlementUpdate("DuplicateInvalid", null), siblings);

        Assert.Equal(RefusalCodes.DuplicateInvalidOnlyViaTenant, result.Refusal?.Code);
    }

    [Fact]
    public void MarkTenantDuplicate_ThenClear_MovesEveryEntitlementAndRestoresEachOne()
    {
        var tenant = NewTenant();
        var exo = NewEntitlement(tenant, "EXO");
        var spo = NewEntitlement(tenant, "SPO");
        var teams = NewEntitlement(tenant, "TEAMS");
        Assert.True(Change(tenant, exo, new EntitlementUpdate("InProgress", "Migration", TargetDate: Today.AddDays(30), EngagementStartDate: Today.AddDays(-3))).Succeeded);
        Assert.True(Change(tenant, spo, new EntitlementUpdate("Blocked", "LegalRegulatory", L3: "Residency", ProjectedUnblockDate: Today.AddDays(90)), l3: ["Residency"]).Succeeded);
        var before = new[] { exo, spo, teams }.Select(EntitlementRules.SnapshotOf).ToArray();

        var marked = EntitlementRules.MarkTenantDuplicate(tenant, [exo, spo, teams], "Same customer as tenant 12.", "admin", Now);

        Assert.True(marked.Succeeded);
        Assert.True(tenant.IsDuplicate);
        Assert.Equal("Same customer as tenant 12.", tenant.DuplicateReason);
        Assert.All([exo, spo, teams], e => Assert.Equal(("DuplicateInvalid", (string?)null, (DateOnly?)null), (e.L1, e.L2, e.TargetDate)));
        Assert.Equal(3, marked.Value.Count);
        Assert.All(marked.Value, c => Assert.Equal(ChangeKind.TenantMarkedDuplicate, c.Kind));
        Assert.Contains(marked.Value[0].Changes, c => c is { Field: "L1", Before: "InProgress", After: "DuplicateInvalid" });
        Assert.Equal(RefusalCodes.TenantIsDuplicate, Change(tenant, exo, new EntitlementUpdate("NoIntent", "ExecutiveSponsorship")).Refusal?.Code);

        var cleared = EntitlementRules.ClearTenantDuplicate(tenant, [exo, spo, teams], "admin", Now.AddDays(1));

        Assert.True(cleared.Succeeded);
        Assert.False(tenant.IsDuplicate);
        Assert.Equal(before, new[] { exo, spo, teams }.Select(EntitlementRules.SnapshotOf));
        Assert.All(cleared.Value, c => Assert.Equal(ChangeKind.TenantRestored, c.Kind));
        Assert.Contains(cleared.Value[1].Changes, c => c is { Field: "ProjectedUnblockDate", Before: null, After: "2026-09-13" });
    }

    [Fact]
    public void MarkTenantDuplicate_WithoutReasonOrTwice_IsRefused()
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);

        Assert.Equal(RefusalCodes.ReasonRequired, EntitlementRules.MarkTenantDuplicate(tenant, [e], " ", "admin", Now).Refusal?.Code);
        Assert.False(tenant.IsDuplicate);
        Assert.True(EntitlementRules.MarkTenantDuplicate(tenant, [e], "Test tenant", "admin", Now).Succeeded);
        Assert.Equal(RefusalCodes.TenantAlreadyDuplicate, EntitlementRules.MarkTenantDuplicate(tenant, [e], "Again", "admin", Now).Refusal?.Code);
    }

    [Fact]
    public void ClearTenantDuplicate_TenantNotFlagged_IsRefused()
    {
        var tenant = NewTenant();

        Assert.Equal(RefusalCodes.TenantNotDuplicate, EntitlementRules.ClearTenantDuplicate(tenant, [], "admin", Now).Refusal?.Code);
    }

    [Fact]
    public void Create_OnDuplicateTenant_StartsDuplicateAndRestoresToNewSubscription()
    {
        var tenant = NewTenant();
        Assert.True(EntitlementRules.MarkTenantDuplicate(tenant, [], "Test tenant", "admin", Now).Succeeded);

        var e = EntitlementRules.Create(tenant, [], "SPO", "gateway", Now, WorkloadCatalogue.Default).Value.Entitlement;
        Assert.Equal("DuplicateInvalid", e.L1);
        Assert.True(EntitlementRules.ClearTenantDuplicate(tenant, [e], "admin", Now).Succeeded);

        Assert.Equal(("StatusUnknown", "NewSubscriptionOrWorkload"), (e.L1, e.L2));
    }

    [Theory]
    [InlineData("en", "The target date 2026-06-14 is in the past.")]
    [InlineData("de-DE", "2026-06-14")]
    [InlineData("ja", "2026-06-14")]
    [InlineData("zh-CN", "2026-06-14")]
    public void Refusal_Message_IsRenderedInTheRequestedLanguage(string culture, string contains)
    {
        var tenant = NewTenant();
        var e = NewEntitlement(tenant);
        var refusal = Change(tenant, e, new EntitlementUpdate("InProgress", "Migration", TargetDate: Today.AddDays(-1))).Refusal!;

        var message = refusal.Message(culture);

        Assert.Contains(contains, message, StringComparison.Ordinal);
        if (!culture.StartsWith("en", StringComparison.Ordinal))
        {
            Assert.NotEqual(refusal.Message("en"), message);
        }
    }

    [Theory]
    [InlineData("ja", "サブステータス「移行」はステータス「ブロック」に属していません。")]
    [InlineData("de", "„Migration“ gehört nicht zum Status „Blockiert“")]
    [InlineData("en", "'Migration' does not belong to the status 'Blocked'")]
    public void Refusal_StatusCodesInItsMessage_AreShownByTheirNamesInTheReadersLanguage(string culture, string contains)
    {
        var refusal = Refusal.ForField("l2", RefusalCodes.L2NotUnderL1, "Migration", "Blocked");

        var message = refusal.Message(culture);

        Assert.DoesNotContain("Blocked", culture == "en" ? "" : message, StringComparison.Ordinal);
        Assert.Contains(contains, message, StringComparison.Ordinal);
        Assert.Equal(["Migration", "Blocked"], refusal.Args);
    }

    private static DateOnly? Day(int? offset) => offset is { } d ? Today.AddDays(d) : null;
}
