using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class BulkChangeTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A bulk change of the status and whatever else <paramref name="update"/> fills in.</summary>
    private Task<Result<ChangeStatus.BulkResponse>> BulkAsync(EntitlementUpdate update, bool confirm, params (string Workload, int Version)[] targets) =>
        PatchAsync(new EntitlementPatch(update, Filled(update)), confirm, false, targets);

    private Task<Result<ChangeStatus.BulkResponse>> PatchAsync(EntitlementPatch patch, bool confirm, bool dryRun, params (string Workload, int Version)[] targets) =>
        Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.BulkRequest(Ids.TenantA,
            targets.Select(t => new ChangeStatus.Target(t.Workload, t.Version)).ToList(), patch, ConfirmSameNote: confirm, DryRun: dryRun)), Seed.AsManager(), Now);

    private Task<Dictionary<string, (string L1, int Version)>> StateAsync() =>
        Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements.Where(e => e.TenantId == Ids.TenantA)
            .ToDictionaryAsync(e => e.Workload, e => (e.L1, e.Version)));

    private Task<int> HistoryCountAsync() =>
        Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().StatusChanges.CountAsync(c => c.TenantId == Ids.TenantA));

    private static HashSet<EntitlementField> Filled(EntitlementUpdate u)
    {
        var fields = new HashSet<EntitlementField> { EntitlementField.Status };
        if (u.Note is not null) fields.Add(EntitlementField.Note);
        if (u.TargetDate is not null) fields.Add(EntitlementField.TargetDate);
        if (u.ProjectedUnblockDate is not null) fields.Add(EntitlementField.ProjectedUnblockDate);
        if (u.NextAction is not null) fields.Add(EntitlementField.NextAction);
        if (u.NextActionDate is not null) fields.Add(EntitlementField.NextActionDate);
        return fields;
    }

    private Task<Entitlement> EntitlementAsync(string workload) =>
        Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements.AsNoTracking().SingleAsync(e => e.TenantId == Ids.TenantA && e.Workload == workload));

    /// <summary>Three entitlements, each with its own next action, date, owner, scenario and business reason.</summary>
    private async Task<Dictionary<string, Entitlement>> DistinctFieldsAsync()
    {
        var workloads = new[] { "EXO", "SPO", "TEAMS" };
        for (var i = 0; i < workloads.Length; i++)
        {
            var update = new EntitlementUpdate("InProgress", "TechnicalOnboardingDeployment", Note: $"Deployment wave {i + 1} is under way for the pilot group.",
                TargetDate: new DateOnly(2026, 9, 1 + i), NextAction: $"Workshop {i + 1}", NextActionDate: new DateOnly(2026, 6, 10 + i),
                NextActionOwner: $"owner{i}@example", BusinessReason: $"Reason {i}", EngagementScenario: (EngagementScenario)i);
            var saved = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
                .HandleAsync(new ChangeStatus.Request(Ids.TenantA, workloads[i], 1, update)), Seed.AsManager(), Now);
            Assert.True(saved.Succeeded, saved.Refusal?.Code);
        }

        var all = new Dictionary<string, Entitlement>();
        foreach (var w in workloads)
        {
            all[w] = await EntitlementAsync(w);
        }

        return all;
    }

    [Fact]
    public async Task Bulk_StatusAndNoteOnly_KeepsEveryFieldItWasNotAskedToChange()
    {
        var before = await DistinctFieldsAsync();
        var patch = new EntitlementPatch(new EntitlementUpdate("InProgress", "Migration", Note: "Mailbox data moves in three waves; the first wave is done."),
            new HashSet<EntitlementField> { EntitlementField.Status, EntitlementField.Note });

        var result = await PatchAsync(patch, true, false, ("EXO", 2), ("SPO", 2), ("TEAMS", 2));

        Assert.True(result.Succeeded, result.Refusal?.Code);
        Assert.Equal([new(EntitlementField.Status, 3, 0), new(EntitlementField.Note, 3, 0)], result.Value!.Changes);
        foreach (var (workload, old) in before)
        {
            var now = await EntitlementAsync(workload);
            Assert.Equal(("InProgress", "Migration", "Mailbox data moves in three waves; the first wave is done.", 3), (now.L1, now.L2, now.Note, now.Version));
            Assert.Equal((old.TargetDate, old.NextAction, old.NextActionDate, old.NextActionOwner, old.BusinessReason, old.EngagementScenario),
                (now.TargetDate, now.NextAction, now.NextActionDate, now.NextActionOwner, now.BusinessReason, now.EngagementScenario));
        }

        var changed = await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().StatusChanges
            .Where(c => c.TenantId == Ids.TenantA).OrderByDescending(c => c.Id).Take(3).ToListAsync());
        Assert.All(changed, c => Assert.Equal(["L2", "Note"], c.Changes.Select(f => f.Field).Order()));
    }

    [Fact]
    public async Task Bulk_ClearOneField_ClearsOnlyItAndCountsWhereItChanged()
    {
        await DistinctFieldsAsync();
        Assert.True((await PatchAsync(new EntitlementPatch(new EntitlementUpdate("", null), new HashSet<EntitlementField> { EntitlementField.NextActionDate }),
            false, false, ("TEAMS", 2))).Succeeded);
        var patch = new EntitlementPatch(new EntitlementUpdate("", null, NextActionOwner: "lead@example"),
            new HashSet<EntitlementField> { EntitlementField.NextActionDate, EntitlementField.NextActionOwner });

        var result = await PatchAsync(patch, false, false, ("EXO", 2), ("SPO", 2), ("TEAMS", 3));

        Assert.True(result.Succeeded, result.Refusal?.Code);
        Assert.Equal([new(EntitlementField.NextActionDate, 0, 2), new(EntitlementField.NextActionOwner, 3, 0)], result.Value!.Changes);
        var exo = await EntitlementAsync("EXO");
        Assert.Equal((null, "lead@example", "Workshop 1", "InProgress", new DateOnly(2026, 9, 1)), (exo.NextActionDate, exo.NextActionOwner, exo.NextAction, exo.L1, exo.TargetDate));
    }

    [Fact]
    public async Task Bulk_DryRun_ListsWhatWouldChangeAndSavesNothing()
    {
        await DistinctFieldsAsync();
        var history = await HistoryCountAsync();
        var patch = new EntitlementPatch(new EntitlementUpdate("Blocked", "ItChangeManagementResourcing", Note: "The customer's only Exchange administrator left; the project waits for a replacement.",
            ProjectedUnblockDate: new DateOnly(2026, 8, 1)), new HashSet<EntitlementField> { EntitlementField.Status, EntitlementField.Note, EntitlementField.ProjectedUnblockDate });

        var result = await PatchAsync(patch, false, true, ("EXO", 2), ("SPO", 2));

        Assert.True(result.Succeeded, result.Refusal?.Code);
        var response = result.Value!;
        Assert.False(response.Saved);
        Assert.True(response.SameNoteNeedsConfirmation);
        Assert.Empty(response.Entitlements);
        // Blocked takes no target date: the status change clears it, and the summary says so.
        Assert.Equal([new(EntitlementField.Status, 2, 0), new(EntitlementField.Note, 2, 0), new(EntitlementField.TargetDate, 0, 2),
            new(EntitlementField.ProjectedUnblockDate, 2, 0)], response.Changes);
        Assert.Equal(history, await HistoryCountAsync());
        Assert.Equal(("InProgress", 2), ((await EntitlementAsync("EXO")).L1, (await EntitlementAsync("EXO")).Version));
    }

    [Fact]
    public async Task Bulk_ConfirmedAfterDryRun_SavesWhatTheDryRunListed()
    {
        await DistinctFieldsAsync();
        var patch = new EntitlementPatch(new EntitlementUpdate("Blocked", "ItChangeManagementResourcing", Note: "The customer's only Exchange administrator left; the project waits for a replacement.",
            ProjectedUnblockDate: new DateOnly(2026, 8, 1)), new HashSet<EntitlementField> { EntitlementField.Status, EntitlementField.Note, EntitlementField.ProjectedUnblockDate });

        var refused = await PatchAsync(patch, false, false, ("EXO", 2), ("SPO", 2));
        var saved = await PatchAsync(patch, true, false, ("EXO", 2), ("SPO", 2));

        Assert.Equal(RefusalCodes.SameNoteOnSeveralWorkloads, refused.Refusal?.Code);
        Assert.True(saved.Succeeded, saved.Refusal?.Code);
        var exo = await EntitlementAsync("EXO");
        Assert.Equal(("Blocked", (DateOnly?)null, new DateOnly(2026, 8, 1), "Workshop 1", EngagementScenario.CustomerLed),
            (exo.L1, exo.TargetDate, exo.ProjectedUnblockDate, exo.NextAction, exo.EngagementScenario));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u202e")]
    public async Task Bulk_ControlCharacterInNote_IsRefusedAndChangesNothing(string character)
    {
        var patch = new EntitlementPatch(new EntitlementUpdate("", null, Note: $"Blocked by the proxy{character} until June."),
            new HashSet<EntitlementField> { EntitlementField.Note });

        var result = await PatchAsync(patch, true, false, ("EXO", 1), ("SPO", 1));

        Assert.Equal((RefusalCodes.ForbiddenCharacter, "note"), (result.Refusal?.Code, result.Refusal?.Field));
        Assert.All((await StateAsync()).Values, v => Assert.Equal(1, v.Version));
    }

    [Fact]
    public async Task Bulk_SameNoteOnSeveralWorkloads_WarnsUntilConfirmedThenSavesEach()
    {
        var update = new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "Der Betriebsrat hat der Verarbeitung von Nutzungsdaten noch nicht zugestimmt.");
        var history = await HistoryCountAsync();

        var warned = await BulkAsync(update, false, ("EXO", 1), ("SPO", 1), ("TEAMS", 1));
        var unchanged = await StateAsync();
        var saved = await BulkAsync(update, true, ("EXO", 1), ("SPO", 1), ("TEAMS", 1));

        Assert.Equal((RefusalCodes.SameNoteOnSeveralWorkloads, "3"), (warned.Refusal!.Code, warned.Refusal.Args[0]));
        Assert.All(unchanged.Values, v => Assert.Equal(1, v.Version));
        Assert.True(saved.Succeeded, saved.Refusal?.Code);
        var state = await StateAsync();
        Assert.Equal([("Blocked", 2), ("Blocked", 2), ("Blocked", 2), ("StatusUnknown", 1)],
            new[] { "EXO", "SPO", "TEAMS", "OPP" }.Select(w => state[w]));
        Assert.Equal(history + 3, await HistoryCountAsync());
    }

    [Fact]
    public async Task Bulk_UnresponsiveCustomer_NeedsNoConfirmation()
    {
        var update = new EntitlementUpdate("StatusUnknown", "CustomerUnresponsive", Note: "No response to 3 contact attempts by mail and phone. Managed customer.");

        var result = await BulkAsync(update, false, ("EXO", 1), ("SPO", 1), ("TEAMS", 1), ("OPP", 1));

        Assert.True(result.Succeeded, result.Refusal?.Code);
        Assert.All((await StateAsync()).Values, v => Assert.Equal(2, v.Version));
    }

    [Fact]
    public async Task Bulk_OneWorkloadChangedMeanwhile_SavesNoneEvenOfThoseAppliedBeforeIt()
    {
        Assert.True((await BulkAsync(new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: "Uses a competitor's chat product under a contract until 2027."), false, ("TEAMS", 1))).Succeeded);
        var history = await HistoryCountAsync();

        var result = await BulkAsync(new EntitlementUpdate("NoIntent", "ExecutiveSponsorship"), false, ("EXO", 1), ("SPO", 1), ("TEAMS", 1));

        Assert.Equal(RefusalCodes.VersionMismatch, result.Refusal!.Code);
        var state = await StateAsync();
        Assert.Equal([("StatusUnknown", 1), ("StatusUnknown", 1), ("NoIntent", 2)], new[] { "EXO", "SPO", "TEAMS" }.Select(w => state[w]));
        Assert.Equal(history, await HistoryCountAsync());
    }

    [Fact]
    public async Task Bulk_UnknownWorkloadOrNoneSelected_SavesNone()
    {
        var result = await BulkAsync(new EntitlementUpdate("InProgress", "Migration", TargetDate: new DateOnly(2026, 9, 1)), false,
            ("EXO", 1), ("UNKNOWN", 1));
        var empty = await BulkAsync(new EntitlementUpdate("InProgress", "Migration"), false);

        Assert.Equal(RefusalCodes.UnknownWorkload, result.Refusal!.Code);
        Assert.Equal(RefusalCodes.NoWorkloadSelected, empty.Refusal!.Code);
        Assert.All((await StateAsync()).Values, v => Assert.Equal(1, v.Version));
    }
}
