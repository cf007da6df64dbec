using Headway.Application.Data;
using Headway.Application.Exports;
using Headway.Application.Notes;
using Headway.Application.Reports;
using Headway.Application.Search;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>Correcting and deleting overall notes: who may, what is kept, what a deleted note leaves, and the paged timeline.</summary>
public class NoteCorrectionTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(2);
    private static readonly Caller Engineer = new("fe@example", null, null, Role.Engineer);
    private static readonly Caller Admin = new("admin@example", null, null, Role.Admin);

    private const string Paused = "Customer paused the Teams rollout until the merger closes. #covid #merger";
    private const string Corrected = "Customer paused the Teams rollout until the merger closes; statuses updated. #merger";

    private async Task<OverallNote> AddAsync(Caller caller, string type = "ServiceIntent", string text = Paused, long? tenant = null, DateTimeOffset? at = null)
    {
        var added = await Database.RunAsync(sp => sp.GetRequiredService<AddOverallNote.Handler>()
            .HandleAsync(new AddOverallNote.Request(tenant ?? Ids.TenantA, type, text, "Call the CIO", new DateOnly(2026, 6, 10), "FM")), caller, at ?? Now);
        Assert.True(added.Succeeded, added.Refusal?.Code);
        return added.Value!.Note;
    }

    private Task<Result<EditOverallNote.Response>> EditAsync(Caller caller, long note, int version, string text = Corrected, string type = "ServiceIntent") =>
        Database.RunAsync(sp => sp.GetRequiredService<EditOverallNote.Handler>()
            .HandleAsync(new EditOverallNote.Request(note, version, type, text, "Call the CIO", new DateOnly(2026, 6, 12), "FM")), caller, Later);

    private Task<Result<DeleteOverallNote.Response>> DeleteAsync(Caller caller, long note, int version) =>
        Database.RunAsync(sp => sp.GetRequiredService<DeleteOverallNote.Handler>().HandleAsync(new DeleteOverallNote.Request(note, version)), caller, Later);

    private Task<T> ReadAsync<T>(Func<HeadwayDbContext, Task<T>> read) =>
        Database.RunAsync(sp => read(sp.GetRequiredService<HeadwayDbContext>()));

    private Task<Page<ListOverallNotes.Row>> TimelineAsync(long tenant, int page = 1, int size = 25) =>
        Database.RunAsync(async sp => (await sp.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(tenant, null, page, size))).Value!,
            Seed.AsManager());

    [Fact]
    public async Task Edit_ByItsAuthorFollowingTheAdvice_KeepsTheNoteAsItWasAndReparsesHashtags()
    {
        var note = await AddAsync(Seed.AsManager());

        var edited = await EditAsync(Seed.AsManager(), note.Id, version: 0);

        Assert.True(edited.Succeeded, edited.Refusal?.Code);
        Assert.Empty(edited.Value!.Advice);
        Assert.Equal((1, true, "Contoso Pharma GmbH"), (edited.Value.Version, edited.Value.Changed, edited.Value.TenantName));
        var stored = await ReadAsync(db => db.OverallNotes.AsNoTracking().SingleAsync(n => n.Id == note.Id));
        Assert.Equal((Corrected, "merger", Later, Seed.Manager, new DateOnly(2026, 6, 12)), (stored.Text, stored.Hashtags, stored.EditedAt, stored.EditedBy, stored.NextActionDate));
        Assert.Equal(Now, stored.CreatedAt);
        var revision = await ReadAsync(db => db.OverallNoteRevisions.AsNoTracking().SingleAsync(r => r.NoteId == note.Id));
        Assert.Equal((NoteRevisionKind.Edited, Paused, new DateOnly(2026, 6, 10), Seed.Manager, Later, Ids.TenantA, Ids.PartnerA),
            (revision.Kind, revision.Text, revision.NextActionDate, revision.ChangedBy, revision.ChangedAt, revision.TenantId, revision.PartnerId));
        var audit = await ReadAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.At == Later).Select(a => new { a.Entity, a.Action }).ToListAsync());
        Assert.Contains(audit, a => a.Entity == nameof(OverallNote) && a.Action == "Modified");
        Assert.Contains(audit, a => a.Entity == nameof(OverallNoteRevision) && a.Action == "Added");
        Assert.Empty((await Database.RunAsync(sp => sp.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(Tag: "covid")))).Value!.Items);
    }

    [Fact]
    public async Task Edit_AddingCovidToANoteAboutPausing_ComesBackWithTheCoachsAdvice()
    {
        var note = await AddAsync(Seed.AsManager(), text: Corrected);

        var edited = await EditAsync(Seed.AsManager(), note.Id, 0, text: Paused);

        Assert.Equal("CovidTagOnPause", Assert.Single(edited.Value!.Advice).Code);
    }

    [Fact]
    public async Task Edit_NothingChanged_SavesNothingAndKeepsTheVersion()
    {
        var note = await AddAsync(Seed.AsManager());
        Assert.True((await EditAsync(Seed.AsManager(), note.Id, 0)).Succeeded);

        var again = await EditAsync(Seed.AsManager(), note.Id, 1);

        Assert.Equal((false, 1), (again.Value!.Changed, again.Value.Version));
        Assert.Equal(1, await ReadAsync(db => db.OverallNoteRevisions.CountAsync(r => r.NoteId == note.Id)));
    }

    public static TheoryData<string, Role, string, string?> EditRights() => new()
    {
        // (who: the author or someone else, role, new kind, refusal)
        { "author", Role.Manager, "Lifecycle", null },
        { "other", Role.Manager, "ServiceIntent", RefusalCodes.NotNoteAuthor },
        { "author", Role.Manager, "EnterpriseStatus", RefusalCodes.Forbidden },
        { "other", Role.Admin, "ServiceIntent", RefusalCodes.Forbidden },
        { "other", Role.Leadership, "ServiceIntent", RefusalCodes.Forbidden },
        { "other", Role.ProductAnalyst, "ServiceIntent", RefusalCodes.Forbidden },
        { "other", Role.Engineer, "TechnicalEnablement", RefusalCodes.NotNoteAuthor },
    };

    [Theory]
    [MemberData(nameof(EditRights))]
    public async Task Edit_RoleAndAuthor_FollowTheMatrix(string who, Role role, string type, string? code)
    {
        var note = await AddAsync(Seed.AsManager());
        var caller = who == "author" ? Seed.AsManager() : new Caller("someone@example", null, null, role);

        var result = await EditAsync(caller, note.Id, 0, type: type);

        Assert.Equal(code, result.Refusal?.Code);
        Assert.Equal(code is null ? 1 : 0, await ReadAsync(db => db.OverallNoteRevisions.CountAsync()));
    }

    [Fact]
    public async Task Edit_EngineerOwnNote_MayCorrectItButNotTurnItIntoAnotherKind()
    {
        var note = await AddAsync(Engineer, "TechnicalEnablement", "Hybrid connector installed; mail flow tested with 20 pilot users.");

        var fixedText = await EditAsync(Engineer, note.Id, 0, "Hybrid connector installed; mail flow tested with 25 pilot users.", "TechnicalEnablement");
        var otherKind = await EditAsync(Engineer, note.Id, 1, "Hybrid connector installed.", "ServiceIntent");

        Assert.True(fixedText.Succeeded, fixedText.Refusal?.Code);
        Assert.Equal(RefusalCodes.Forbidden, otherKind.Refusal?.Code);
    }

    [Fact]
    public async Task Edit_AuthorNoLongerManagesTheTenant_IsNotAssigned()
    {
        var note = await AddAsync(Seed.AsManager());
        await ReadAsync(db => db.Tenants.Where(t => t.Id == Ids.TenantA).ExecuteUpdateAsync(u => u.SetProperty(t => t.ManagerName, "successor@example")));

        var edited = await EditAsync(Seed.AsManager(), note.Id, 0);
        var deleted = await DeleteAsync(Seed.AsManager(), note.Id, 0);

        Assert.Equal(RefusalCodes.NotAssigned, edited.Refusal?.Code);
        Assert.Equal(RefusalCodes.NotAssigned, deleted.Refusal?.Code);
    }

    [Fact]
    public async Task Edit_InvalidText_IsRefusedAndNothingChanges()
    {
        var note = await AddAsync(Seed.AsManager());

        var empty = await EditAsync(Seed.AsManager(), note.Id, 0, "   ");
        var huge = await EditAsync(Seed.AsManager(), note.Id, 0, new string('x', 9000));
        var control = await EditAsync(Seed.AsManager(), note.Id, 0, "Call held\u0000.");

        Assert.Equal((RefusalCodes.TextRequired, RefusalCodes.NoteTooLong, RefusalCodes.ForbiddenCharacter), (empty.Refusal?.Code, huge.Refusal?.Code, control.Refusal?.Code));
        Assert.Equal(Paused, await ReadAsync(db => db.OverallNotes.Where(n => n.Id == note.Id).Select(n => n.Text).SingleAsync()));
        Assert.Equal(0, await ReadAsync(db => db.OverallNoteRevisions.CountAsync()));
    }

    [Fact]
    public async Task Edit_StaleVersion_IsAConflictAndTheNewerTextStays()
    {
        var note = await AddAsync(Seed.AsManager());
        Assert.True((await EditAsync(Seed.AsManager(), note.Id, 0)).Succeeded);

        var stale = await EditAsync(Seed.AsManager(), note.Id, 0, "An edit made on the first version.");
        var staleDelete = await DeleteAsync(Seed.AsManager(), note.Id, 0);

        Assert.Equal((RefusalCodes.NoteVersionMismatch, "0", "1"), (stale.Refusal?.Code, stale.Refusal?.Args[0], stale.Refusal?.Args[1]));
        Assert.Equal(RefusalCodes.NoteVersionMismatch, staleDelete.Refusal?.Code);
        Assert.Equal(Corrected, await ReadAsync(db => db.OverallNotes.Where(n => n.Id == note.Id).Select(n => n.Text).SingleAsync()));
    }

    [Fact]
    public async Task Save_NoteChangedAfterItWasRead_IsAConflictEvenWithTheRightVersion()
    {
        var note = await AddAsync(Seed.AsManager());

        // Read for a change, then another writer changes the note's next action before this one saves.
        var conflict = await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var loaded = await NoteCorrections.LoadAsync(db, note.Id, NoteChange.Edit, default);
            Assert.Equal(1, await Database.RunAsync(other => other.GetRequiredService<HeadwayDbContext>().OverallNotes.Where(n => n.Id == note.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextActionDoneAt, Later))));
            return await NoteCorrections.SaveAsync(db, loaded.Value!, NoteRevisionKind.Edited, n => n.Text = "Lost update.", Later, default);
        }, Seed.AsManager(), Later);

        Assert.Equal(RefusalCodes.NoteVersionMismatch, conflict?.Code);
        Assert.Equal(Paused, await ReadAsync(db => db.OverallNotes.Where(n => n.Id == note.Id).Select(n => n.Text).SingleAsync()));
        Assert.Equal(0, await ReadAsync(db => db.OverallNoteRevisions.CountAsync()));
    }

    public static TheoryData<string, Role, string?> DeleteRights() => new()
    {
        { "author", Role.Manager, null },
        { "other", Role.Admin, null },
        { "other", Role.Manager, RefusalCodes.NotNoteAuthor },
        { "other", Role.Gateway, RefusalCodes.NotNoteAuthor },
        { "other", Role.RegionalManager, RefusalCodes.Forbidden },
        { "other", Role.Leadership, RefusalCodes.Forbidden },
        { "other", Role.ProductAnalyst, RefusalCodes.Forbidden },
    };

    [Theory]
    [MemberData(nameof(DeleteRights))]
    public async Task Delete_RoleAndAuthor_FollowTheMatrix(string who, Role role, string? code)
    {
        var note = await AddAsync(Seed.AsManager());
        var caller = who == "author" ? Seed.AsManager() : new Caller("someone@example", null, null, role);

        var result = await DeleteAsync(caller, note.Id, 0);

        Assert.Equal(code, result.Refusal?.Code);
        Assert.Equal(code is null ? 0 : 1, (await TimelineAsync(Ids.TenantA)).Total);
    }

    [Fact]
    public async Task Delete_AnotherPartnersNote_IsNotFoundEvenForItsAdministrator()
    {
        var note = await AddAsync(Seed.AsManager());

        var result = await DeleteAsync(new Caller("admin@b.example", Ids.PartnerB, null, Role.Admin), note.Id, 0);

        Assert.Equal(RefusalCodes.NoteNotFound, result.Refusal?.Code);
    }

    [Fact]
    public async Task Delete_IsSoft_TheNoteLeavesTimelineTagsSearchReportsAndExportsButItsTextStays()
    {
        var note = await AddAsync(Seed.AsManager());
        var kept = await AddAsync(Seed.AsManager(), "EngagementManagement", "Merger workshop held with the customer's architects. #merger");
        async Task<int> FoundAsync(string query) => (await Database.RunAsync(sp => sp.GetRequiredService<SearchAll.Handler>().HandleAsync(new SearchAll.Request(query)),
            Seed.AsManager())).Value!.Hits.Items.Count(h => h.Kind == SearchAll.HitKind.OverallNote);
        async Task<bool> CovidReportedAsync() => (await Database.RunAsync(sp => sp.GetRequiredService<RunReport.Handler>()
            .HandleAsync(new RunReport.Request("hashtags", new ReportFilter())), Seed.AsManager(), Later)).Value!.Lines.Any(l => l.Keys.Contains("#covid"));
        Assert.Equal(1, await FoundAsync("rollout"));
        Assert.True(await CovidReportedAsync());

        var deleted = await DeleteAsync(Admin, note.Id, 0);

        Assert.True(deleted.Succeeded, deleted.Refusal?.Code);
        Assert.Equal([kept.Id], (await TimelineAsync(Ids.TenantA)).Items.Select(r => r.Note.Id));
        Assert.Equal(0, await FoundAsync("rollout"));
        Assert.Equal(1, await FoundAsync("workshop"));
        var tagged = await Database.RunAsync(sp => sp.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(Tag: "merger")));
        Assert.Equal([kept.Id], tagged.Value!.Items.Select(r => r.Note.Id));
        Assert.False(await CovidReportedAsync());
        var exported = await Database.RunAsync(async sp =>
        {
            var rows = new List<object?[]>();
            await foreach (var row in sp.GetRequiredService<ExportData.Handler>().Open(ExportData.Notes).Value!.Rows)
            {
                rows.Add(row);
            }

            return rows;
        }, Seed.AsManager());
        Assert.Equal([kept.Id], exported.Select(r => (long)r[0]!));
        var stored = await ReadAsync(db => db.OverallNotes.IgnoreQueryFilters([HeadwayDbContext.DeletedNotesFilter]).AsNoTracking().SingleAsync(n => n.Id == note.Id));
        Assert.Equal((Later, Admin.UserName, Paused), (stored.DeletedAt, stored.DeletedBy, stored.Text));
        var revision = await ReadAsync(db => db.OverallNoteRevisions.AsNoTracking().SingleAsync(r => r.NoteId == note.Id));
        Assert.Equal((NoteRevisionKind.Deleted, Paused, Admin.UserName), (revision.Kind, revision.Text, revision.ChangedBy));
        Assert.Equal(RefusalCodes.NoteNotFound, (await DeleteAsync(Admin, note.Id, 1)).Refusal?.Code);
        Assert.Equal(RefusalCodes.NoteNotFound, (await EditAsync(Seed.AsManager(), note.Id, 1)).Refusal?.Code);
    }

    [Fact]
    public async Task Delete_ThenTheSearchIndexIsRebuilt_TheNoteStaysOutOfIt()
    {
        var note = await AddAsync(Seed.AsManager());
        Assert.True((await DeleteAsync(Seed.AsManager(), note.Id, 0)).Succeeded);

        await Database.RunAsync(async sp =>
        {
            await SearchIndex.RebuildAsync(sp.GetRequiredService<HeadwayDbContext>());
            return 0;
        });
        var found = await Database.RunAsync(sp => sp.GetRequiredService<SearchAll.Handler>().HandleAsync(new SearchAll.Request("rollout")), Seed.AsManager());

        Assert.Equal(0, found.Value!.Hits.Total);
    }

    [Fact]
    public async Task NoteRevisions_EditedTwiceThenDeleted_ListEachChangeWithTheNoteBeforeAndAfter()
    {
        var note = await AddAsync(Seed.AsManager());
        Assert.True((await EditAsync(Seed.AsManager(), note.Id, 0)).Succeeded);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<EditOverallNote.Handler>()
            .HandleAsync(new EditOverallNote.Request(note.Id, 1, "Lifecycle", Corrected)), Seed.AsManager(), Later.AddMinutes(5))).Succeeded);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<DeleteOverallNote.Handler>()
            .HandleAsync(new DeleteOverallNote.Request(note.Id, 2)), Admin, Later.AddMinutes(10))).Succeeded);

        var revisions = await Database.RunAsync(sp => sp.GetRequiredService<ListNoteRevisions.Handler>().HandleAsync(new ListNoteRevisions.Request(Ids.TenantA)),
            new Caller("lt@a.example", Ids.PartnerA, null, Role.Leadership));

        var rows = revisions.Value!.Items;
        Assert.Equal([NoteRevisionKind.Deleted, NoteRevisionKind.Edited, NoteRevisionKind.Edited], rows.Select(r => r.Revision.Kind));
        Assert.Null(rows[0].After);
        Assert.Equal((OverallNoteType.Lifecycle, Corrected), (rows[0].Before.Type, rows[0].Before.Text));
        Assert.Equal((OverallNoteType.ServiceIntent, OverallNoteType.Lifecycle, (string?)null), (rows[1].Before.Type, rows[1].After!.Type, rows[1].After!.NextAction));
        Assert.Equal((Paused, Corrected), (rows[2].Before.Text, rows[2].After!.Text));
        var otherPartner = await Database.RunAsync(sp => sp.GetRequiredService<ListNoteRevisions.Handler>().HandleAsync(new ListNoteRevisions.Request(Ids.TenantA)),
            new Caller("lt@b.example", Ids.PartnerB, null, Role.Leadership));
        Assert.Equal(RefusalCodes.TenantNotFound, otherPartner.Refusal?.Code);
    }

    [Fact]
    public async Task Timeline_ManyNotes_PagesBackToTheFirstNoteWithVersions()
    {
        for (var i = 0; i < 45; i++)
        {
            await AddAsync(Seed.AsManager(), "EngagementManagement", $"Weekly call {i + 1} held with the customer.", at: Now.AddDays(i));
        }

        var first = await TimelineAsync(Ids.TenantA, 1, 20);
        var last = await TimelineAsync(Ids.TenantA, 3, 20);
        var past = await TimelineAsync(Ids.TenantA, 4, 20);

        Assert.Equal((45, 3), (first.Total, first.PageCount));
        Assert.Equal("Weekly call 45 held with the customer.", first.Items[0].Note.Text);
        Assert.Equal(5, last.Items.Count);
        Assert.Equal("Weekly call 1 held with the customer.", last.Items[^1].Note.Text);
        Assert.Empty(past.Items);
        Assert.All(first.Items, r => Assert.Equal(0, r.Version));
    }
}
