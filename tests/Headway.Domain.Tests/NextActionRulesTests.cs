using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Domain.Tests;

public class NextActionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static Tenant NewTenant() => new() { Id = 7, Name = "Contoso", Country = "DE", Region = "EMEA", PartnerId = 3, ManagerName = "fm@example" };

    private static Entitlement WithAction(Tenant tenant)
    {
        var e = EntitlementRules.Create(tenant, [], "EXO", "gateway", Now.AddDays(-30), WorkloadCatalogue.Default).Value.Entitlement;
        var edit = EntitlementRules.Change(tenant, e, [e], new EntitlementUpdate("StatusUnknown", "CustomerUnresponsive", Note: "No response to 3 calls. Managed customer.",
            NextAction: "Call the account team", NextActionDate: Today.AddDays(-2), NextActionOwner: "fm@example"), [], "fm@example", Now.AddDays(-10));
        Assert.True(edit.Succeeded);
        return e;
    }

    private static OverallNote Note(DateOnly? due = null) => new()
    {
        Id = 11,
        TenantId = 7,
        PartnerId = 3,
        Type = OverallNoteType.EngagementManagement,
        Text = "Kick-off held.",
        Author = "fm@example",
        CreatedAt = Now.AddDays(-5),
        NextAction = "Send the plan",
        NextActionDate = due ?? Today.AddDays(-1),
        NextActionOwner = "Partner",
    };

    [Fact]
    public void MarkNextActionDone_OpenAction_ClearsItAndTheHistoryKeepsItAsItWas()
    {
        var tenant = NewTenant();
        var e = WithAction(tenant);
        var version = e.Version;

        var change = EntitlementRules.MarkNextActionDone(tenant, e, "fm@example", Now).Value!;

        Assert.Equal((null, null, null), (e.NextAction, e.NextActionDate, e.NextActionOwner));
        Assert.Equal((version + 1, "fm@example", Now), (e.Version, e.LastChangedBy, e.LastChangedAt));
        Assert.Equal((ChangeKind.NextActionDone, "fm@example", Now), (change.Kind, change.ChangedBy, change.ChangedAt));
        Assert.Equal(
            [new FieldChange("NextAction", "Call the account team", null), new FieldChange("NextActionDate", "2026-06-13", null), new FieldChange("NextActionOwner", "fm@example", null)],
            change.Changes);
        Assert.Equal(("StatusUnknown", "CustomerUnresponsive", "No response to 3 calls. Managed customer."), (change.L1, change.L2, change.Note));
    }

    [Fact]
    public void MarkNextActionDone_NoAction_IsRefusedAndChangesNothing()
    {
        var tenant = NewTenant();
        var e = EntitlementRules.Create(tenant, [], "EXO", "gateway", Now.AddDays(-30), WorkloadCatalogue.Default).Value.Entitlement;

        var result = EntitlementRules.MarkNextActionDone(tenant, e, "fm@example", Now);

        Assert.Equal(RefusalCodes.NoNextAction, result.Refusal?.Code);
        Assert.Equal(1, e.Version);
    }

    [Fact]
    public void MarkNextActionDone_DuplicateTenant_IsRefused()
    {
        var tenant = NewTenant();
        var e = WithAction(tenant);
        tenant.IsDuplicate = true;

        Assert.Equal(RefusalCodes.TenantIsDuplicate, EntitlementRules.MarkNextActionDone(tenant, e, "fm@example", Now).Refusal?.Code);
        Assert.Equal("Call the account team", e.NextAction);
    }

    [Fact]
    public void NoteMarkDone_OpenAction_RecordsWhoAndWhenAndKeepsTheNoteAsItWas()
    {
        var note = Note();

        var revision = NoteNextActions.MarkDone(note, "fm@example", Now).Value!.Revision!;

        Assert.Equal((Now, "fm@example"), (note.NextActionDoneAt, note.NextActionDoneBy));
        Assert.Equal((NoteRevisionKind.NextActionDone, "fm@example", Now, 11L, 7L, 3L), (revision.Kind, revision.ChangedBy, revision.ChangedAt, revision.NoteId, revision.TenantId, revision.PartnerId));
        Assert.Equal(("Kick-off held.", "Send the plan", Today.AddDays(-1), "Partner"), (revision.Text, revision.NextAction, revision.NextActionDate!.Value, revision.NextActionOwner));
        Assert.Equal(RefusalCodes.NoNextAction, NoteNextActions.MarkDone(note, "fm@example", Now).Refusal?.Code);
    }

    [Fact]
    public void NoteMove_ToAnotherDay_KeepsTheEarlierDateInTheRevision()
    {
        var note = Note();

        var revision = NoteNextActions.Move(note, Today.AddDays(3), "fm@example", Now).Value!.Revision!;

        Assert.Equal(Today.AddDays(3), note.NextActionDate);
        Assert.Equal((NoteRevisionKind.NextActionMoved, Today.AddDays(-1)), (revision.Kind, revision.NextActionDate!.Value));
        Assert.Null(note.NextActionDoneAt);
    }

    [Fact]
    public void NoteMove_ToTheSameDay_ChangesNothing()
    {
        var note = Note(Today.AddDays(2));

        Assert.Null(NoteNextActions.Move(note, Today.AddDays(2), "fm@example", Now).Value!.Revision);
    }

    [Theory]
    [InlineData(-1, RefusalCodes.NextActionDateInPast)]
    [InlineData(0, null)]
    public void NoteMove_IntoThePast_IsRefused(int days, string? code)
    {
        var note = Note();

        Assert.Equal(code, NoteNextActions.Move(note, Today.AddDays(days), "fm@example", Now).Refusal?.Code);
    }

    [Fact]
    public void NoteActions_DeletedNote_IsNotThere()
    {
        var note = Note();
        note.DeletedAt = Now.AddDays(-1);

        Assert.Equal(RefusalCodes.NoteNotFound, NoteNextActions.MarkDone(note, "fm@example", Now).Refusal?.Code);
        Assert.Equal(RefusalCodes.NoteNotFound, NoteNextActions.Move(note, Today, "fm@example", Now).Refusal?.Code);
    }
}
