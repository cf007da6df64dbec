using Headway.Application.Entitlements;
using Headway.Application.Reports;
using Headway.Application.Tenants;
using Headway.Domain.Entitlements;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>Reports as of a day against a known history, and the duplicate/invalid exclusion.</summary>
public class ReportHistoryTests : SeededTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset August = new(2026, 8, 10, 8, 0, 0, TimeSpan.Zero);

    private Task<ReportResult> MatrixAsync(ReportFilter filter, DateTimeOffset at) =>
        Database.RunAsync(async sp => (await sp.GetRequiredService<RunReport.Handler>().HandleAsync(new RunReport.Request("status-matrix", filter))).Value!,
            null, at);

    private async Task ChangeAsync(long tenant, string workload, int version, EntitlementUpdate update, DateTimeOffset at) =>
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>()
            .HandleAsync(new ChangeStatus.Request(tenant, workload, version, update)), Seed.AsManager(), at)).Succeeded);

    private static double Count(ReportResult r, string l1, string workload) =>
        r.Lines.Where(l => l.Keys[0] == l1 && l.Keys[2] == workload).Sum(l => l.Values[0]);

    [Fact]
    public async Task AsOf_ShowsEachEntitlementAsItStoodAtTheEndOfThatDay()
    {
        await ChangeAsync(Ids.TenantA, "EXO", 1, new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "Works council approval pending.", ProjectedUnblockDate: new DateOnly(2026, 9, 1)), June);
        await ChangeAsync(Ids.TenantA, "EXO", 2, new EntitlementUpdate("InProgress", "Migration", Note: "Wave 1 of 3 migrated.", TargetDate: new DateOnly(2026, 12, 1)), August);

        var may = await MatrixAsync(new ReportFilter(AsOf: new DateOnly(2026, 5, 31)), August);
        var july = await MatrixAsync(new ReportFilter(AsOf: new DateOnly(2026, 7, 1)), August);
        var now = await MatrixAsync(new ReportFilter(), August);

        Assert.Equal((0, 0, 3), (Count(may, "Blocked", "EXO"), Count(may, "InProgress", "EXO"), Count(may, "StatusUnknown", "EXO")));
        Assert.Equal((1, 0, 2), (Count(july, "Blocked", "EXO"), Count(july, "InProgress", "EXO"), Count(july, "StatusUnknown", "EXO")));
        Assert.Equal((0, 1, 2), (Count(now, "Blocked", "EXO"), Count(now, "InProgress", "EXO"), Count(now, "StatusUnknown", "EXO")));
        Assert.Equal(0, Count(await MatrixAsync(new ReportFilter(AsOf: new DateOnly(2026, 4, 1)), August), "StatusUnknown", "EXO"));
    }

    [Fact]
    public async Task DuplicateTenant_LeavesEveryReportNowAndAsOfAfterTheFlag()
    {
        var before = await MatrixAsync(new ReportFilter(), June);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<MarkDuplicate.Handler>()
            .HandleAsync(new MarkDuplicate.Request(Ids.TenantB, "Same customer as Contoso.")), Seed.AsManager(), June)).Succeeded);

        var after = await MatrixAsync(new ReportFilter(), August);
        var asOfAfter = await MatrixAsync(new ReportFilter(AsOf: new DateOnly(2026, 7, 1)), August);

        Assert.Equal(12, before.Lines.Sum(l => l.Values[0]));
        Assert.Equal(8, after.Lines.Sum(l => l.Values[0]));
        Assert.Equal(8, asOfAfter.Lines.Sum(l => l.Values[0]));
        Assert.DoesNotContain(after.Lines, l => l.Keys[0] == "DuplicateInvalid");
    }

    [Fact]
    public async Task Reassignment_MovesTheTenantsEntitlementsToTheNewManagersNumbers()
    {
        var admin = new Caller("admin@example", null, null, Users.Role.Admin);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<Users.ManageUsers>().AddUserAsync("fm2@example", "Manager", "Partner A", "Correct-Horse-Battery-9"), admin, June)).Succeeded);

        var before = await MatrixAsync(new ReportFilter(Manager: "fm2@example"), June);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<AssignTenant.Handler>().HandleAsync(new AssignTenant.Request(Ids.TenantA, "fm2@example")), admin, June)).Succeeded);
        var after = await MatrixAsync(new ReportFilter(Manager: "fm2@example"), June);
        var old = await MatrixAsync(new ReportFilter(Manager: Seed.Manager), June);

        Assert.Equal(0, before.Lines.Sum(l => l.Values[0]));
        Assert.Equal(4, after.Lines.Sum(l => l.Values[0]));
        Assert.Equal(8, old.Lines.Sum(l => l.Values[0]));
    }

    [Fact]
    public async Task Trend_StoredMonths_FollowAFlagRaisedLater()
    {
        await ChangeAsync(Ids.TenantA, "EXO", 1, new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "Works council approval pending.", ProjectedUnblockDate: new DateOnly(2026, 9, 1)), June);
        await ChangeAsync(Ids.TenantB, "SPO", 1, new EntitlementUpdate("Blocked", "LegalRegulatory", Note: "数据必须留在境内。", ProjectedUnblockDate: new DateOnly(2026, 9, 1)), June);
        Task<ReportResult> BlockersAsync(ReportFilter f) => Database.RunAsync(async sp =>
            (await sp.GetRequiredService<RunReport.Handler>().HandleAsync(new RunReport.Request("blockers", f))).Value!, null, August);
        static double June30(ReportResult r) => r.Trend!.Series.SingleOrDefault(s => s.Key == "LegalRegulatory")?.Values[r.Trend.Months.ToList().IndexOf(new DateOnly(2026, 6, 1))] ?? 0;

        var stored = await BlockersAsync(new ReportFilter());
        var again = await BlockersAsync(new ReportFilter());
        var byManager = await BlockersAsync(new ReportFilter(Manager: Seed.Manager));
        var partnerA = await BlockersAsync(new ReportFilter(PartnerId: Ids.PartnerA));
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<MarkDuplicate.Handler>()
            .HandleAsync(new MarkDuplicate.Request(Ids.TenantB, "Same customer as Contoso.")), Seed.AsManager(), August)).Succeeded);
        var afterFlag = await BlockersAsync(new ReportFilter());

        Assert.Equal((2, 2, 2, 1, 1), (June30(stored), June30(again), June30(byManager), June30(partnerA), June30(afterFlag)));
        Assert.Equal(0, stored.Trend!.Series.Single(s => s.Key == "LegalRegulatory").Values[0]);
    }
}
