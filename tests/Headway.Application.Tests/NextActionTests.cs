using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Notes;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Application.WorkList;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>Marking next actions done and moving them, from the work list, for entitlements and overall notes.</summary>
public class NextActionTests : SeededTests
{
    private static readonly DateOnly Today = new(2026, 7, 1);
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset June = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Caller Engineer = new("fe@example", null, null, Role.Engineer);

    private async Task<Entitlement> WithActionAsync(long tenant, string workload, DateOnly due)
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(tenant, workload, 1,
            new EntitlementUpdate("StatusUnknown", "NewSubscriptionOrWorkload", NextAction: "Call the IT lead", NextActionDate: due, NextActionOwner: "Partner"))),
            Seed.AsManager(), June);
        Assert.True(result.Succeeded, result.Refusal?.Code);
        return result.Value!;
    }

    private async Task<OverallNote> NoteAsync(Caller author, string type, DateOnly due)
    {
        var result = await Database.RunAsync(sp => sp.GetRequiredService<AddOverallNote.Handler>().HandleAsync(
            new AddOverallNote.Request(Ids.TenantA, type, "Workshop held with the network team.", "Send the change request", due, "Partner")), author, June);
        Assert.True(result.Succeeded, result.Refusal?.Code);
        return result.Value!.Note;
    }

    private Task<Result<NextActionOutcome>> DoneAsync(WorkSubject subject, long id, int? version, Caller? caller = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<CompleteNextAction.Handler>().HandleAsync(new CompleteNextAction.Request(subject, id, version)),
            caller ?? Seed.AsManager(), Now);

    private Task<Result<NextActionOutcome>> MoveAsync(WorkSubject subject, long id, DateOnly? date, int? version, Caller? caller = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<MoveNextAction.Handler>().HandleAsync(new MoveNextAction.Request(subject, id, date, version)),
            caller ?? Seed.AsManager(), Now);

    private Task<Entitlement> ReadAsync(long id) => Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements.SingleAsync(e => e.Id == id));

    private Task<OverallNote> ReadNoteAsync(long id) => Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().OverallNotes.SingleAsync(n => n.Id == id));

    private Task<List<OverallNoteRevision>> RevisionsAsync(long noteId) => Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>()
        .OverallNoteRevisions.Where(r => r.NoteId == noteId).OrderBy(r => r.Id).ToListAsync());

    private Task<GetWorkList.Response> WorkListAsync() => Database.RunAsync(async sp => (await sp.GetRequiredService<GetWorkList.Handler>()
        .HandleAsync(new GetWorkList.Request(Seed.Manager, Today, 20))).Value!, Seed.AsManager(), Now);

    private static int Total(GetWorkList.Response list, WorkGroup group) => list.Groups.Single(g => g.Group == group).Total;

    [Fact]
    public async Task CompleteNextAction_Entitlement_LeavesTheListAndTheHistorySaysWhoAndWhen()
    {
        var e = await WithActionAsync(Ids.TenantA, "EXO", Today.AddDays(-3));
        Assert.Equal(1, Total(await WorkListAsync(), WorkGroup.Overdue));

        var result = await DoneAsync(WorkSubject.Entitlement, e.Id, e.Version);

        Assert.True(result.Succeeded, result.Refusal?.Code);
        Assert.Equal((true, e.Version + 1, (DateOnly?)null), (result.Value!.Done, result.Value.Version, result.Value.NextActionDate));
        var after = await ReadAsync(e.Id);
        Assert.Equal((null, null, null, Seed.Manager, Now), (after.NextAction, after.NextActionDate, after.NextActionOwner, after.LastChangedBy, after.LastChangedAt));
        var history = await Database.RunAsync(sp => sp.GetRequiredService<GetHistory.Handler>().HandleAsync(new GetHistory.Request(Ids.TenantA)));
        var entry = history.Value!.Items[0];
        Assert.Equal((ChangeKind.NextActionDone, Seed.Manager, Now, "EXO"), (entry.Kind, entry.ChangedBy, entry.ChangedAt, entry.Workload));
        Assert.Contains(new FieldChange("NextAction", "Call the IT lead", null), entry.Changes);
        Assert.Contains(new FieldChange("NextActionDate", "2026-06-28", null), entry.Changes);
        Assert.Equal(0, Total(await WorkListAsync(), WorkGroup.Overdue));
    }

    [Fact]
    public async Task CompleteNextAction_StaleVersion_IsAConflictAndChangesNothing()
    {
        var e = await WithActionAsync(Ids.TenantA, "EXO", Today);

        var result = await DoneAsync(WorkSubject.Entitlement, e.Id, e.Version - 1);

        Assert.Equal(RefusalCodes.VersionMismatch, result.Refusal?.Code);
        Assert.Equal(("Call the IT lead", e.Version), ((await ReadAsync(e.Id)).NextAction, (await ReadAsync(e.Id)).Version));
        Assert.Equal(RefusalCodes.VersionRequired, (await DoneAsync(WorkSubject.Entitlement, e.Id, null)).Refusal?.Code);
    }

    public static TheoryData<string, string> NotTheirs => new()
    {
        { "other-manager", RefusalCodes.NotAssigned },
        { "gateway", RefusalCodes.Forbidden },
        { "engineer", RefusalCodes.Forbidden },
        { "leadership", RefusalCodes.Forbidden },
        { "analyst", RefusalCodes.Forbidden },
    };

    private static Caller Someone(string who) => who switch
    {
        "other-manager" => new Caller("other-fm@example", null, null, Role.Manager),
        "gateway" => new Caller("gw@example", null, null, Role.Gateway),
        "engineer" => Engineer,
        "leadership" => new Caller("lt@example", null, null, Role.Leadership),
        _ => new Caller("pa@example", null, null, Role.ProductAnalyst),
    };

    [Theory]
    [MemberData(nameof(NotTheirs))]
    public async Task NextActionOfAnEntitlement_SomeoneOtherThanTheManager_IsRefusedAndNothingChanges(string who, string code)
    {
        var e = await WithActionAsync(Ids.TenantA, "EXO", Today);

        Assert.Equal(code, (await DoneAsync(WorkSubject.Entitlement, e.Id, e.Version, Someone(who))).Refusal?.Code);
        Assert.Equal(code, (await MoveAsync(WorkSubject.Entitlement, e.Id, Today.AddDays(2), e.Version, Someone(who))).Refusal?.Code);
        var after = await ReadAsync(e.Id);
        Assert.Equal((e.Version, Today), (after.Version, after.NextActionDate!.Value));
    }

    [Fact]
    public async Task NextActionOfAnEntitlement_AnotherPartnersManager_CannotSeeIt()
    {
        var e = await WithActionAsync(Ids.TenantA, "EXO", Today);

        var result = await DoneAsync(WorkSubject.Entitlement, e.Id, e.Version, Seed.AsManager(Ids.PartnerB));

        Assert.Equal(RefusalCodes.EntitlementNotFound, result.Refusal?.Code);
        Assert.Equal(RefusalCodes.EntitlementNotFound, (await DoneAsync(WorkSubject.Entitlement, 999_999, 1)).Refusal?.Code);
    }

    [Fact]
    public async Task CompleteNextAction_EntitlementWithoutAction_IsRefused()
    {
        var e = await ReadAsync(await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements
            .Where(x => x.TenantId == Ids.TenantA && x.Workload == "SPO").Select(x => x.Id).SingleAsync()));

        Assert.Equal(RefusalCodes.NoNextAction, (await DoneAsync(WorkSubject.Entitlement, e.Id, e.Version)).Refusal?.Code);
        Assert.Equal(RefusalCodes.NoNextAction, (await MoveAsync(WorkSubject.Entitlement, e.Id, Today, e.Version)).Refusal?.Code);
    }

    [Fact]
    public async Task MoveNextAction_Entitlement_IsAnEditOfItsDateAndMovesItBetweenGroups()
    {
        var e = await WithActionAsync(Ids.TenantA, "EXO", Today.AddDays(-3));

        var result = await MoveAsync(WorkSubject.Entitlement, e.Id, Today.AddDays(4), e.Version);

        Assert.True(result.Succeeded, result.Refusal?.Code);
        Assert.Equal((Today.AddDays(4), e.Version + 1, false), (result.Value!.NextActionDate!.Value, result.Value.Version, result.Value.Done));
        var after = await ReadAsync(e.Id);
        Assert.Equal(("Call the IT lead", "Partner", "StatusUnknown"), (after.NextAction, after.NextActionOwner, after.L1));
        var entry = (await Database.RunAsync(sp => sp.GetRequiredService<GetHistory.Handler>().HandleAsync(new GetHistory.Request(Ids.TenantA)))).Value!.Items[0];
        Assert.Equal(ChangeKind.Edited, entry.Kind);
        Assert.Equal([new FieldChange("NextActionDate", "2026-06-28", "2026-07-05")], entry.Changes);
        var list = await WorkListAsync();
        Assert.Equal((0, 1), (Total(list, WorkGroup.Overdue), Total(list, WorkGroup.DueThisWeek)));
    }

    [Theory]
    [InlineData(-1, 0, RefusalCodes.NextActionDateInPast)]
    [InlineData(null, 0, RefusalCodes.ValueRequired)]
    [InlineData(3, -1, RefusalCodes.VersionMismatch)]
    [InlineData(0, 0, null)]
    public async Task MoveNextAction_Entitlement_DateAndVersionAreChecked(int? days, int versionOffset, string? code)
    {
        var e = await WithActionAsync(Ids.TenantA, "EXO", Today.AddDays(-3));

        var result = await MoveAsync(WorkSubject.Entitlement, e.Id, days is { } d ? Today.AddDays(d) : null, e.Version + versionOffset);

        Assert.Equal(code, result.Refusal?.Code);
        Assert.Equal(code is null ? Today : Today.AddDays(-3), (await ReadAsync(e.Id)).NextActionDate);
    }

    [Fact]
    public async Task CompleteNextAction_Note_ByItsAuthorOrTheTenantsManager()
    {
        var byEngineer = await NoteAsync(Engineer, "TechnicalEnablement", Today.AddDays(-1));
        var another = await NoteAsync(Engineer, "TechnicalEnablement", Today);

        var doneByAuthor = await DoneAsync(WorkSubject.Note, byEngineer.Id, null, Engineer);
        var doneByManager = await DoneAsync(WorkSubject.Note, another.Id, null, Seed.AsManager());

        Assert.True(doneByAuthor.Succeeded, doneByAuthor.Refusal?.Code);
        Assert.True(doneByManager.Succeeded, doneByManager.Refusal?.Code);
        Assert.Equal(Seed.Manager, (await ReadNoteAsync(another.Id)).NextActionDoneBy);
        var note = await ReadNoteAsync(byEngineer.Id);
        Assert.Equal((Now, Engineer.UserName), (note.NextActionDoneAt, note.NextActionDoneBy));
        var revision = Assert.Single(await RevisionsAsync(byEngineer.Id));
        Assert.Equal((NoteRevisionKind.NextActionDone, Engineer.UserName, Now), (revision.Kind, revision.ChangedBy, revision.ChangedAt));
        Assert.Equal(("Workshop held with the network team.", "Send the change request", Today.AddDays(-1)), (revision.Text, revision.NextAction, revision.NextActionDate!.Value));
        var list = await WorkListAsync();
        Assert.Equal((0, 0), (Total(list, WorkGroup.Overdue), Total(list, WorkGroup.DueToday)));
        Assert.Equal(RefusalCodes.NoNextAction, (await DoneAsync(WorkSubject.Note, byEngineer.Id, null)).Refusal?.Code);
    }

    [Theory]
    [InlineData("other-manager", RefusalCodes.NotAssigned)]
    [InlineData("engineer", RefusalCodes.Forbidden)]
    [InlineData("gateway", RefusalCodes.Forbidden)]
    public async Task NextActionOfANote_NeitherAuthorNorManager_IsRefusedAndNothingChanges(string who, string code)
    {
        var note = await NoteAsync(Seed.AsManager(), "EngagementManagement", Today);

        Assert.Equal(code, (await DoneAsync(WorkSubject.Note, note.Id, null, Someone(who))).Refusal?.Code);
        Assert.Equal(code, (await MoveAsync(WorkSubject.Note, note.Id, Today.AddDays(1), null, Someone(who))).Refusal?.Code);
        Assert.Empty(await RevisionsAsync(note.Id));
        Assert.Null((await ReadNoteAsync(note.Id)).NextActionDoneAt);
    }

    [Fact]
    public async Task MoveNextAction_Note_KeepsTheEarlierDateInARevision()
    {
        var note = await NoteAsync(Seed.AsManager(), "EngagementManagement", Today.AddDays(-2));

        var result = await MoveAsync(WorkSubject.Note, note.Id, Today.AddDays(6), null);

        Assert.True(result.Succeeded, result.Refusal?.Code);
        Assert.Equal(Today.AddDays(6), (await ReadNoteAsync(note.Id)).NextActionDate);
        var revision = Assert.Single(await RevisionsAsync(note.Id));
        Assert.Equal((NoteRevisionKind.NextActionMoved, Today.AddDays(-2), Seed.Manager), (revision.Kind, revision.NextActionDate!.Value, revision.ChangedBy));
        Assert.Equal(1, Total(await WorkListAsync(), WorkGroup.DueThisWeek));
    }

    [Fact]
    public async Task NextActionOfANote_AnotherPartnersCaller_CannotSeeIt()
    {
        var note = await NoteAsync(Seed.AsManager(), "EngagementManagement", Today);

        Assert.Equal(RefusalCodes.NoteNotFound, (await DoneAsync(WorkSubject.Note, note.Id, null, Seed.AsManager(Ids.PartnerB))).Refusal?.Code);
        Assert.Equal(RefusalCodes.UnknownChoice, (await DoneAsync(WorkSubject.SummaryRequest, 1, null)).Refusal?.Code);
    }
}
