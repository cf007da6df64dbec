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

    private Task<Result<IReadOnlyList<Entitlement>>> BulkAsync(EntitlementUpdate update, bool confirm, params (string Workload, int Version)[] targets) =>
        Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.BulkRequest(Ids.TenantA,
            targets.Select(t => new ChangeStatus.Target(t.Workload, t.Version)).ToList(), update, ConfirmSameNote: confirm)), Seed.AsManager(), Now);

    private Task<Dictionary<string, (string L1, int Version)>> StateAsync() =>
        Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Entitlements.Where(e => e.TenantId == Ids.TenantA)
            .ToDictionaryAsync(e => e.Workload, e => (e.L1, e.Version)));

    private Task<int> HistoryCountAsync() =>
        Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().StatusChanges.CountAsync(c => c.TenantId == Ids.TenantA));

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
