using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class ChangeStatusTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private Task<Result<Entitlement>> ChangeAsync(long tenant, string workload, int? version, EntitlementUpdate update, Caller? caller = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(tenant, workload, version, update)), caller ?? Seed.AsManager(), Now);

    private Task<T> ReadAsync<T>(Func<HeadwayDbContext, Task<T>> read) =>
        Database.RunAsync(sp => read(sp.GetRequiredService<HeadwayDbContext>()));

    [Fact]
    public async Task ChangeStatus_MovingASetEngagementStartDate_NeedsAReasonKeptAsAnOverallNote()
    {
        var start = new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: "Pilot with 50 users in finance, then all 400 by August.",
            TargetDate: new DateOnly(2026, 8, 31), EngagementStartDate: new DateOnly(2026, 6, 15));
        Assert.True((await ChangeAsync(Ids.TenantA, "EXO", 1, start)).Succeeded);
        var moved = start with { EngagementStartDate = new DateOnly(2026, 7, 1) };

        var refused = await ChangeAsync(Ids.TenantA, "EXO", 2, moved);
        var accepted = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
            new ChangeStatus.Request(Ids.TenantA, "EXO", 2, moved, "  客户的项目经理休假到六月底。 ")), Seed.AsManager(), Now);

        Assert.Equal((RefusalCodes.ReasonRequired, "engagementStartDateReason"), (refused.Refusal!.Code, refused.Refusal.Field));
        Assert.True(accepted.Succeeded, accepted.Refusal?.Code);
        var notes = await ReadAsync(db => db.OverallNotes.Where(n => n.TenantId == Ids.TenantA).ToListAsync());
        var note = Assert.Single(notes);
        Assert.Equal(("EXO 2026-06-15 → 2026-07-01: 客户的项目经理休假到六月底。", Domain.Tenants.OverallNoteType.EngagementManagement, Seed.Manager),
            (note.Text, note.Type, note.Author));
        Assert.Equal(new DateOnly(2026, 7, 1), (await ReadAsync(db => db.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == "EXO"))).EngagementStartDate);
    }

    [Fact]
    public async Task ChangeStatus_ANoteOfManyChineseTags_IsStoredWithTheTagsThatFit()
    {
        // 3,900 characters: more tags than the tag column holds, and more bytes than a PostgreSQL index entry may take.
        var tags = string.Join(' ', Enumerable.Range(0, 700).Select(i => "#" + (char)(0x4E00 + i) + "迁移项"));
        var update = new EntitlementUpdate("Blocked", "LegalRegulatory", Note: ("监管机构禁止在境外存储数据。 " + tags)[..3900],
            ProjectedUnblockDate: new DateOnly(2026, 9, 1));

        var result = await ChangeAsync(Ids.TenantA, "EXO", 1, update);

        Assert.True(result.Succeeded, result.Refusal?.Code);
        var stored = await ReadAsync(db => db.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == "EXO"));
        Assert.Equal(update.Note, stored.Note);
        Assert.StartsWith("一迁移项 丁迁移项", stored.Hashtags);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(stored.Hashtags!) <= Domain.Tenants.Hashtags.MaxBytes);
    }

    [Fact]
    public async Task ChangeStatus_ValidEdit_IsStoredWithANewVersionAndOneHistoryEntry()
    {
        var update = new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "Die Aufsicht verbietet die Speicherung von Patientendaten außerhalb der EU.",
            ProjectedUnblockDate: new DateOnly(2026, 9, 1));

        var result = await ChangeAsync(Ids.TenantA, "exo", 1, update);

        Assert.True(result.Succeeded, result.Refusal?.Code);
        var stored = await ReadAsync(db => db.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == "EXO"));
        Assert.Equal(("Blocked", "LegalRegulatory", 2, Seed.Manager), (stored.L1, stored.L2, stored.Version, stored.LastChangedBy));
        Assert.Equal(update.Note, stored.Note);
        var history = await ReadAsync(db => db.StatusChanges.Where(c => c.EntitlementId == stored.Id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([ChangeKind.Created, ChangeKind.Edited], history.Select(h => h.Kind));
        Assert.Contains(history[1].Changes, c => c is { Field: "L1", Before: "StatusUnknown", After: "Blocked" });
        Assert.Contains(history[1].Changes, c => c is { Field: "ProjectedUnblockDate", Before: null, After: "2026-09-01" });
        Assert.Equal(Now, history[1].ChangedAt);
    }

    [Fact]
    public async Task ChangeStatus_LongestNoteInChinese_IsStoredWhole()
    {
        // 4,000 varied characters of three UTF-8 bytes each: more than a PostgreSQL B-tree entry may hold, even compressed.
        var note = "客户的防火墙阻止了流量。" + new string(Enumerable.Range(0, 3988).Select(i => (char)(0x4E00 + (i * 7919 % 20000))).ToArray());
        Assert.Equal(Domain.Entitlements.FieldLimits.Note, note.Length);

        var result = await ChangeAsync(Ids.TenantA, "EXO", 1, new EntitlementUpdate("Blocked", "LegalRegulatory", Note: note));

        Assert.True(result.Succeeded, result.Refusal?.Code);
        Assert.Equal(note, (await ReadAsync(db => db.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == "EXO"))).Note);

        // The history keeps the note's characters as they are (not as \uXXXX escapes) and leaves out empty fields.
        var changes = await ReadAsync(db => db.Database.SqlQueryRaw<string>(
            """SELECT "Changes" AS "Value" FROM "StatusChanges" WHERE "TenantId" = {0} AND "Workload" = 'EXO' ORDER BY "Id" DESC""", Ids.TenantA).FirstAsync());
        Assert.Contains("客户的防火墙阻止了流量。", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("null", changes, StringComparison.Ordinal);
        Assert.Equal(note, (await ReadAsync(db => db.StatusChanges.Where(c => c.TenantId == Ids.TenantA && c.Workload == "EXO").OrderByDescending(c => c.Id).FirstAsync()))
            .Changes.Single(c => c.Field == "Note").After);
    }

    [Theory]
    [InlineData("NoIntent", "ExecutiveSponsorship", "Customer has no intent.", "Poor")]
    [InlineData("StatusUnknown", "CustomerUnresponsive", "No response to 3 contact attempts by email and phone. Managed customer.", "Good")]
    [InlineData("NoIntent", "ExecutiveSponsorship", "   ", null)]
    public async Task ChangeStatus_Note_IsStoredWithTheCoachGradeAndNeverBlocked(string l1, string l2, string note, string? grade)
    {
        var result = await ChangeAsync(Ids.TenantA, "EXO", 1, new EntitlementUpdate(l1, l2, Note: note));

        Assert.True(result.Succeeded, result.Refusal?.Code);
        var stored = await ReadAsync(db => db.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == "EXO"));
        Assert.Equal(grade, stored.NoteGrade);
    }

    [Fact]
    public async Task ChangeStatus_StaleVersion_IsRefusedAndChangesNothing()
    {
        Assert.True((await ChangeAsync(Ids.TenantA, "SPO", 1, new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: "Uses a competitor's intranet."))).Succeeded);

        var result = await ChangeAsync(Ids.TenantA, "SPO", 1, new EntitlementUpdate("Blocked", "AppCompatibility"));

        Assert.Equal(RefusalCodes.VersionMismatch, result.Refusal?.Code);
        Assert.Equal(["1", "2"], result.Refusal!.Args);
        var stored = await ReadAsync(db => db.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == "SPO"));
        Assert.Equal(("NoIntent", 2), (stored.L1, stored.Version));
    }

    [Fact]
    public async Task ChangeStatus_WithoutVersion_IsRefused()
    {
        var result = await ChangeAsync(Ids.TenantA, "SPO", null, new EntitlementUpdate("Blocked", "AppCompatibility"));

        Assert.Equal(RefusalCodes.VersionRequired, result.Refusal?.Code);
    }

    [Fact]
    public async Task ChangeStatus_ManyConcurrentEditsOfOneVersion_ExactlyOneWinsAndNoneIsLost()
    {
        var notes = Enumerable.Range(1, 8).Select(i => $"Blocked by proxy rule {i} that drops Teams media traffic.").ToArray();

        var results = await Task.WhenAll(notes.Select(n =>
            Task.Run(() => ChangeAsync(Ids.TenantA, "TEAMS", 1, new EntitlementUpdate("Blocked", "CustomerItInfrastructureRemediation", Note: n)))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(RefusalCodes.VersionMismatch, r.Refusal!.Code));
        var winner = results.Single(r => r.Succeeded).Value!;
        var stored = await ReadAsync(db => db.Entitlements.SingleAsync(e => e.Id == winner.Id));
        Assert.Equal((2, winner.Note), (stored.Version, stored.Note));
        Assert.Equal(2, await ReadAsync(db => db.StatusChanges.CountAsync(c => c.EntitlementId == winner.Id)));
    }

    [Fact]
    public async Task SaveChanges_TwoContextsEditTheSameVersion_TheDatabaseRejectsTheSecond()
    {
        await using var p1 = Database.Services();
        await using var p2 = Database.Services();
        await using var s1 = p1.CreateAsyncScope();
        await using var s2 = p2.CreateAsyncScope();
        var db1 = s1.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        var db2 = s2.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        var e1 = await db1.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == "OPP");
        var e2 = await db2.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == "OPP");
        // Two edits of the same version, each through the rules (which bump the version).
        EntitlementRules.Restore(e1, EntitlementUpdate.From(e1) with { Note = "first" }, "one@example", DateTimeOffset.UtcNow);
        EntitlementRules.Restore(e2, EntitlementUpdate.From(e2) with { Note = "second" }, "two@example", DateTimeOffset.UtcNow);

        await db1.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
    }

    [Fact]
    public async Task ChangeStatus_AnotherPartnersTenant_IsNotFoundAndUnchanged()
    {
        var partnerA = Seed.AsManager(Ids.PartnerA);

        var result = await ChangeAsync(Ids.TenantB, "EXO", 1, new EntitlementUpdate("NoIntent", "ExecutiveSponsorship"), partnerA);

        Assert.Equal(RefusalCodes.TenantNotFound, result.Refusal?.Code);
        var stored = await ReadAsync(db => db.Entitlements.SingleAsync(e => e.TenantId == Ids.TenantB && e.Workload == "EXO"));
        Assert.Equal(1, stored.Version);
    }

    [Theory]
    [InlineData("CORE", RefusalCodes.EntitlementNotFound)]
    [InlineData("CRM", RefusalCodes.UnknownWorkload)]
    [InlineData("INTUNE", RefusalCodes.EntitlementNotFound)]
    public async Task ChangeStatus_WorkloadWithoutEntitlement_IsRefused(string workload, string code)
    {
        var result = await ChangeAsync(Ids.TenantA, workload, 1, new EntitlementUpdate("NoIntent", "ExecutiveSponsorship"));

        Assert.Equal(code, result.Refusal?.Code);
    }

    [Fact]
    public async Task ChangeStatus_L3DefinedByAdministrator_IsAccepted()
    {
        await ReadAsync(async db =>
        {
            db.L3Values.Add(new L3Value { L2 = "LegalRegulatory", Code = "DataResidency", Name = "Data residency" });
            return await db.SaveChangesAsync();
        });

        var ok = await ChangeAsync(Ids.TenantA, "EXO", 1, new EntitlementUpdate("Blocked", "LegalRegulatory", L3: "DataResidency"));
        var refused = await ChangeAsync(Ids.TenantA, "EXO", 2, new EntitlementUpdate("Blocked", "SecurityPrivacyNonProduct", L3: "DataResidency"));

        Assert.True(ok.Succeeded);
        Assert.Equal(RefusalCodes.UnknownL3, refused.Refusal?.Code);
    }

    [Fact]
    public async Task MarkDuplicate_ThenClear_ThroughHandlers_RestoresEveryStatusAndRecordsBothSteps()
    {
        Assert.True((await ChangeAsync(Ids.TenantCentre, "EXO", 1, new EntitlementUpdate("InProgress", "Migration", TargetDate: new DateOnly(2026, 8, 1)))).Succeeded);
        Assert.True((await ChangeAsync(Ids.TenantCentre, "SPO", 1, new EntitlementUpdate("Blocked", "ServiceReliability"))).Succeeded);

        var marked = await Database.RunAsync(sp => sp.GetRequiredService<MarkDuplicate.Handler>().HandleAsync(new MarkDuplicate.Request(Ids.TenantCentre, "Registered twice")));
        var whileMarked = await ReadAsync(db => db.Entitlements.Where(e => e.TenantId == Ids.TenantCentre).Select(e => e.L1).Distinct().ToListAsync());
        var cleared = await Database.RunAsync(sp => sp.GetRequiredService<ClearDuplicate.Handler>().HandleAsync(new ClearDuplicate.Request(Ids.TenantCentre)));

        Assert.Equal(4, marked.Value);
        Assert.Equal(["DuplicateInvalid"], whileMarked);
        Assert.Equal(4, cleared.Value);
        var after = await ReadAsync(db => db.Entitlements.Where(e => e.TenantId == Ids.TenantCentre).ToDictionaryAsync(e => e.Workload));
        Assert.Equal(("InProgress", "Migration", new DateOnly(2026, 8, 1)), (after["EXO"].L1, after["EXO"].L2, after["EXO"].TargetDate!.Value));
        Assert.Equal(("Blocked", "ServiceReliability"), (after["SPO"].L1, after["SPO"].L2));
        Assert.Equal(("StatusUnknown", "NewSubscriptionOrWorkload"), (after["TEAMS"].L1, after["TEAMS"].L2));
        var kinds = await ReadAsync(db => db.StatusChanges.Where(c => c.TenantId == Ids.TenantCentre).Select(c => c.Kind).ToListAsync());
        Assert.Equal(4, kinds.Count(k => k == ChangeKind.TenantMarkedDuplicate));
        Assert.Equal(4, kinds.Count(k => k == ChangeKind.TenantRestored));
    }

    [Fact]
    public async Task MarkDuplicate_SomeoneEditsAnEntitlementMeanwhile_IsRefusedAndSavesNothing()
    {
        await using var provider = Database.Services(now: Now);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        var tenant = await db.Tenants.SingleAsync(t => t.Id == Ids.TenantA);
        var entitlements = await db.Entitlements.Where(e => e.TenantId == tenant.Id).ToListAsync();
        var marked = EntitlementRules.MarkTenantDuplicate(tenant, entitlements, "Registered twice", "admin", Now);
        db.StatusChanges.AddRange(marked.Value!);
        Assert.True((await ChangeAsync(Ids.TenantA, "SPO", 1, new EntitlementUpdate("Blocked", "PartnerEngagement", Note: "Partner contract not signed."))).Succeeded);

        var saved = await TenantWrites.SaveAsync(db, marked.Value!.Count, default);

        Assert.Equal(RefusalCodes.TenantChangedConcurrently, saved.Refusal?.Code);
        Assert.False(await ReadAsync(d => d.Tenants.Where(t => t.Id == Ids.TenantA).Select(t => t.IsDuplicate).SingleAsync()));
        Assert.Equal(0, await ReadAsync(d => d.StatusChanges.CountAsync(c => c.TenantId == Ids.TenantA && c.Kind == ChangeKind.TenantMarkedDuplicate)));
        Assert.Equal("Blocked", await ReadAsync(d => d.Entitlements.Where(e => e.TenantId == Ids.TenantA && e.Workload == "SPO").Select(e => e.L1).SingleAsync()));
    }

    [Fact]
    public async Task GetHistory_Tenant_ListsNewestFirstAndHidesOtherPartners()
    {
        Assert.True((await ChangeAsync(Ids.TenantB, "EXO", 1, new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: "客户已采用竞争对手的邮件系统，无意迁移。"))).Succeeded);

        var own = await Database.RunAsync(sp => sp.GetRequiredService<GetHistory.Handler>().HandleAsync(new GetHistory.Request(Ids.TenantB)), new Caller("b", Ids.PartnerB, null, Role.Leadership));
        var other = await Database.RunAsync(sp => sp.GetRequiredService<GetHistory.Handler>().HandleAsync(new GetHistory.Request(Ids.TenantB)), new Caller("a", Ids.PartnerA, null, Role.Leadership));

        Assert.Equal(5, own.Value!.Total);
        Assert.Equal(ChangeKind.Edited, own.Value.Items[0].Kind);
        Assert.Equal(RefusalCodes.TenantNotFound, other.Refusal?.Code);
    }

    [Fact]
    public async Task GetHistory_Filters_ByWorkloadPersonAndDays_AndRefuseAReversedOrImpossibleRange()
    {
        Task<Result<Entitlement>> At(string workload, int version, string note, DateTimeOffset at, Caller caller) =>
            Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(Ids.TenantA, workload, version,
                new EntitlementUpdate("Blocked", "LegalRegulatory", Note: note))), caller, at);
        Assert.True((await At("EXO", 1, "Der Betriebsrat muss zustimmen.", Now, Seed.AsManager())).Succeeded);
        Assert.True((await At("EXO", 2, "Der Betriebsrat hat vertagt.", Now.AddDays(3), Seed.AsManager())).Succeeded);
        Assert.True((await At("SPO", 1, "Die Datenschutzprüfung läuft.", Now.AddDays(5), Seed.AsManager())).Succeeded);
        // The second change made by someone else (a colleague who took the tenant over for a week).
        var later = Now.AddDays(3);
        await ReadAsync(db => db.StatusChanges.Where(c => c.TenantId == Ids.TenantA && c.ChangedAt == later)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ChangedBy, "Second.Manager@a.example")));
        Task<Result<Page<StatusChange>>> Read(GetHistory.Request r) => Database.RunAsync(sp => sp.GetRequiredService<GetHistory.Handler>().HandleAsync(r));

        var exo = await Read(new GetHistory.Request(Ids.TenantA, Workload: "exo"));
        var bySecond = await Read(new GetHistory.Request(Ids.TenantA, ChangedBy: "second.manager@A.example"));
        var days = await Read(new GetHistory.Request(Ids.TenantA, From: DateOnly.FromDateTime(Now.UtcDateTime), To: DateOnly.FromDateTime(Now.AddDays(3).UtcDateTime)));
        var all = await Read(new GetHistory.Request(Ids.TenantA, Workload: "EXO", ChangedBy: Seed.Manager, From: DateOnly.FromDateTime(Now.UtcDateTime)));
        var reversed = await Read(new GetHistory.Request(Ids.TenantA, From: new DateOnly(2026, 6, 5), To: new DateOnly(2026, 6, 1)));
        var impossible = await Read(new GetHistory.Request(Ids.TenantA, To: new DateOnly(9999, 12, 31)));
        var people = await Database.RunAsync(sp => sp.GetRequiredService<GetHistory.Handler>().PeopleAsync(Ids.TenantA));
        var notes = await Read(new GetHistory.Request(Ids.TenantA, Field: "Note", PageSize: 2));
        var l2 = await Read(new GetHistory.Request(Ids.TenantA, Field: "L2"));
        var unknownField = await Read(new GetHistory.Request(Ids.TenantA, Field: "Colour"));

        Assert.All(exo.Value!.Items, c => Assert.Equal("EXO", c.Workload));
        Assert.Contains(exo.Value.Items, c => c.Kind == ChangeKind.Created);
        Assert.Equal(["Second.Manager@a.example"], bySecond.Value!.Items.Select(c => c.ChangedBy));
        Assert.Equal([Now.AddDays(3), Now], days.Value!.Items.Select(c => c.ChangedAt));
        Assert.Equal([Now], all.Value!.Items.Select(c => c.ChangedAt));
        Assert.Equal((RefusalCodes.DateRangeReversed, "to"), (reversed.Refusal?.Code, reversed.Refusal?.Field));
        Assert.Equal(RefusalCodes.DateOutOfRange, impossible.Refusal?.Code);
        Assert.Contains("Second.Manager@a.example", people);
        Assert.Contains(Seed.Manager, people);
        // Only the entries that changed that field: the second EXO change kept its sub-status and only reworded its note.
        Assert.True(notes.Value!.Total >= 3);
        Assert.Equal([Now.AddDays(5), Now.AddDays(3)], notes.Value.Items.Select(c => c.ChangedAt));
        Assert.All(notes.Value.Items, c => Assert.Contains(c.Changes, f => f.Field == "Note"));
        Assert.NotNull(notes.Value.Next);
        Assert.All(l2.Value!.Items, c => Assert.Contains(c.Changes, f => f.Field == "L2"));
        Assert.DoesNotContain(l2.Value.Items, c => c.ChangedAt == Now.AddDays(3));
        Assert.Contains(l2.Value.Items, c => c.ChangedAt == Now.AddDays(5));
        Assert.Equal((RefusalCodes.UnknownFilterValue, "field"), (unknownField.Refusal?.Code, unknownField.Refusal?.Field));
    }
}
