using Headway.Application.Data;
using Headway.Application.Demo;
using Headway.Application.Reports;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>A demo portfolio shared by the read-only report tests.</summary>
public sealed class DemoPortfolio : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await Database.RunAsync(sp => sp.GetRequiredService<DemoData>().GenerateAsync(new DemoData.Options(240, Today: DateOnly.FromDateTime(Now.UtcDateTime))));
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>
/// Each report against an independent computation: the raw rows read with plain queries and counted in
/// memory, not the report's SQL run twice.
/// </summary>
public class ReportTests(DemoPortfolio demo) : IClassFixture<DemoPortfolio>
{
    private sealed record Raw(long TenantId, long? PartnerId, string Region, string? Manager, int Seats, bool Duplicate,
        string Workload, string L1, string? L2, string? Note, string? Grade, DateOnly? Target, DateOnly? Unblock, DateTimeOffset Changed);

    private static readonly DateOnly Today = DateOnly.FromDateTime(DemoPortfolio.Now.UtcDateTime);

    private Task<ReportResult> RunAsync(string report, ReportFilter? filter = null, Caller? caller = null) =>
        demo.Database.RunAsync(async sp => (await sp.GetRequiredService<RunReport.Handler>().HandleAsync(new RunReport.Request(report, filter ?? new ReportFilter()))).Value!,
            caller, DemoPortfolio.Now);

    private Task<List<Raw>> RawAsync() => demo.Database.RunAsync(async sp =>
    {
        var db = sp.GetRequiredService<HeadwayDbContext>();
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var entitlements = await db.Entitlements.AsNoTracking().ToListAsync();
        return entitlements.Select(e =>
        {
            var t = tenants[e.TenantId];
            return new Raw(t.Id, t.PartnerId, t.Region, t.ManagerName, t.Seats, t.IsDuplicate, e.Workload, e.L1, e.L2, e.Note, e.NoteGrade,
                e.TargetDate, e.ProjectedUnblockDate, e.LastChangedAt);
        }).Where(r => !r.Duplicate && r.L1 != TaxonomyCodes.DuplicateInvalid).ToList();
    });

    [Fact]
    public async Task StatusMatrix_EqualsCountsAndSeatsOverTheRawRows()
    {
        var raw = await RawAsync();
        var report = await RunAsync("status-matrix");

        var expected = raw.GroupBy(r => (r.L1, r.L2, r.Workload)).ToDictionary(g => g.Key, g => (Count: (double)g.Count(), Seats: (double)g.Sum(r => (long)r.Seats)));
        Assert.Equal(expected.Count, report.Lines.Count);
        Assert.All(report.Lines, l => Assert.Equal(expected[(l.Keys[0]!, l.Keys[1], l.Keys[2]!)], (l.Values[0], l.Values[1])));
        Assert.Equal(raw.Count, report.Lines.Sum(l => l.Values[0]));
        Assert.True(raw.Count > 500, $"only {raw.Count} rows");
    }

    [Theory]
    [InlineData("blockers", TaxonomyCodes.Blocked)]
    [InlineData("no-intent", TaxonomyCodes.NoIntent)]
    public async Task ByL2_RanksTheL2sOfItsL1ByWorkloadAndEndsTheTrendAtToday(string name, string l1)
    {
        var raw = await RawAsync();
        var report = await RunAsync(name);

        var expected = raw.Where(r => r.L1 == l1).GroupBy(r => (r.L2, r.Workload)).ToDictionary(g => g.Key, g => (double)g.Count());
        Assert.Equal(expected.Count, report.Lines.Count);
        Assert.All(report.Lines, l => Assert.Equal(expected[(l.Keys[0], l.Keys[1]!)], l.Values[0]));
        Assert.Equal(report.Lines.Select(l => l.Values[0]).OrderDescending(), report.Lines.Select(l => l.Values[0]));
        var trend = report.Trend!;
        Assert.Equal(12, trend.Months.Count);
        var byL2Now = raw.Where(r => r.L1 == l1).GroupBy(r => r.L2 ?? "").ToDictionary(g => g.Key, g => (double)g.Count());
        Assert.All(trend.Series, s => Assert.Equal(byL2Now.GetValueOrDefault(s.Key), s.Values[^1]));
        Assert.Contains(trend.Series, s => s.Values.Distinct().Count() > 1);
    }

    [Fact]
    public async Task Hygiene_EachReasonEqualsItsRuleOverTheRawRows()
    {
        var raw = await RawAsync();
        var report = await RunAsync("hygiene", new ReportFilter(StaleDays: 60));

        var staleBefore = new DateTimeOffset(Today.AddDays(-60).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var sameNote = raw.Where(r => r.Note != null && r.L2 != TaxonomyCodes.CustomerUnresponsive)
            .Count(r => raw.Count(o => o.TenantId == r.TenantId && o.Note == r.Note) > 1);
        var expected = new Dictionary<string, double>
        {
            ["PoorNote"] = raw.Count(r => r.Grade == "Poor"),
            ["InsufficientNote"] = raw.Count(r => r.Grade == "Insufficient"),
            ["NoTargetDate"] = raw.Count(r => r.L1 == TaxonomyCodes.InProgress && r.Target == null),
            ["TargetDatePassed"] = raw.Count(r => r.L1 == TaxonomyCodes.InProgress && r.Target < Today),
            ["NoUnblockDate"] = raw.Count(r => r.L1 == TaxonomyCodes.Blocked && r.Unblock == null),
            ["NotUpdated"] = raw.Count(r => r.Changed < staleBefore),
            ["SameNote"] = sameNote,
            ["Unresponsive"] = raw.Where(r => r.L2 == TaxonomyCodes.CustomerUnresponsive).Select(r => r.TenantId).Distinct().Count(),
        };
        Assert.Equal(expected, report.Lines.ToDictionary(l => l.Keys[0]!, l => l.Values[0]));
        Assert.Contains(expected.Values, v => v > 0);
    }

    [Fact]
    public async Task NoteQuality_SharePerTeamAndManagerEqualsTheRawGrades()
    {
        var raw = await RawAsync();
        var report = await RunAsync("note-quality");

        var graded = raw.Where(r => r.Grade != null).ToList();
        foreach (var line in report.Lines.Where(l => l.Keys[1] is not null))
        {
            var mine = graded.Where(r => r.Manager == line.Keys[1] && r.PartnerId == line.Drill.PartnerId).ToList();
            Assert.Equal(mine.Count, line.Values[0]);
            Assert.Equal(mine.Count(r => r.Grade == "Good"), line.Values[1]);
            Assert.Equal(Math.Round(100.0 * mine.Count(r => r.Grade == "Good") / mine.Count, 1), line.Values[2]);
        }

        Assert.Equal(graded.Count, report.Lines.Where(l => l.Keys[1] is null).Sum(l => l.Values[0]));
    }

    [Fact]
    public async Task NoteQuality_TrendIsEachTeamsShareOfGoodNotesInEffectAtEachMonthEnd()
    {
        var (history, duplicates, partners) = await demo.Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return (await db.StatusChanges.AsNoTracking().Select(c => new { c.EntitlementId, c.PartnerId, c.TenantId, c.ChangedAt, c.Id, c.L1, c.NoteGrade }).ToListAsync(),
                (await db.Tenants.Where(t => t.IsDuplicate).Select(t => t.Id).ToListAsync()).ToHashSet(),
                await db.Partners.ToDictionaryAsync(p => p.Id, p => p.Name));
        });
        var report = await RunAsync("note-quality");

        var trend = report.Trend!;
        Assert.Equal(12, trend.Months.Count);
        for (var i = 0; i < 11; i++)
        {
            var end = new DateTimeOffset(trend.Months[i].AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var inEffect = history.Where(c => c.ChangedAt < end && !duplicates.Contains(c.TenantId)).GroupBy(c => c.EntitlementId)
                .Select(g => g.OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).Last())
                .Where(c => c.NoteGrade != null && c.L1 != TaxonomyCodes.DuplicateInvalid).ToList();
            foreach (var series in trend.Series)
            {
                var team = inEffect.Where(c => (c.PartnerId is { } p ? partners[p] : "") == series.Key).ToList();
                var expected = team.Count == 0 ? 0 : Math.Round(100.0 * team.Count(c => c.NoteGrade == "Good") / team.Count, 1);
                Assert.Equal(expected, series.Values[i]);
            }
        }

        Assert.All(trend.Series, s => Assert.Equal(report.Lines.Single(l => l.Keys[1] is null && l.Keys[0] == s.Key).Values[2], s.Values[^1]));
        Assert.Contains(trend.Series, s => s.Values.Take(11).Any(v => v > 0));
    }

    [Fact]
    public async Task Hashtags_CountsEachTaggedNotePerTagAndRegion()
    {
        var notes = await demo.Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            return await db.OverallNotes.AsNoTracking().Where(n => n.Hashtags != null)
                .Join(db.Tenants.Where(t => !t.IsDuplicate), n => n.TenantId, t => t.Id, (n, t) => new { n.Hashtags, t.Region, n.CreatedAt }).ToListAsync();
        });
        var report = await RunAsync("hashtags");

        var end = DemoPortfolio.Now.AddDays(1);
        var raw = await RawAsync();
        var overall = notes.Where(n => n.CreatedAt < end)
            .SelectMany(n => n.Hashtags!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Select(t => ("#" + t, n.Region, (string?)null)));
        var inStatusNotes = raw.Where(r => r.Changed < end)
            .SelectMany(r => (Domain.Tenants.Hashtags.Parse(r.Note) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => ("#" + t, r.Region, (string?)r.Workload)));
        var expected = overall.Concat(inStatusNotes).GroupBy(x => x).ToDictionary(g => g.Key, g => (double)g.Count());
        Assert.Contains(expected.Keys, k => k.Item3 is not null);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, report.Lines.ToDictionary(l => (l.Keys[0]!, l.Keys[1]!, l.Keys[2]), l => l.Values[0]));
        var windowStart = new DateTimeOffset(report.Trend!.Months[0].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var series in report.Trend.Series)
        {
            var inWindow = notes.Count(n => n.CreatedAt >= windowStart && n.CreatedAt < end && n.Hashtags!.Split(' ').Contains(series.Key[1..]))
                + raw.Count(r => r.Changed >= windowStart && r.Changed < end && (Domain.Tenants.Hashtags.Parse(r.Note) ?? "").Split(' ').Contains(series.Key[1..]));
            Assert.Equal(inWindow, series.Values.Sum());
        }
    }

    public static TheoryData<string> Reports => new(ReportCatalogue.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task EveryReport_HasTheColumnsChartValueAndTrendItDeclares(string name)
    {
        var declared = ReportCatalogue.All.Single(r => r.Name == name);

        var report = await RunAsync(name);

        Assert.Equal((name, declared.KeyColumns, declared.ValueColumns), (report.Report, report.KeyColumns, report.ValueColumns));
        Assert.NotEmpty(report.Lines);
        Assert.All(report.Lines, l => Assert.Equal((declared.KeyColumns.Count, declared.ValueColumns.Count), (l.Keys.Count, l.Values.Count)));
        Assert.InRange(declared.ChartValue, 0, declared.ValueColumns.Count - 1);
        if (declared.TrendKeyColumn is null)
        {
            Assert.Null(report.Trend);
            return;
        }

        Assert.Contains(declared.TrendKeyColumn, declared.KeyColumns);
        var trend = Assert.IsType<Trend>(report.Trend);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => new DateOnly(Today.Year, Today.Month, 1).AddMonths(i - 11)), trend.Months);
        Assert.NotEmpty(trend.Series);
        Assert.All(trend.Series, s => Assert.Equal(12, s.Values.Count));
    }

    [Fact]
    public async Task UnknownReport_IsRefusedWithTheNamesOfTheCatalogue()
    {
        var result = await demo.Database.RunAsync(sp => sp.GetRequiredService<RunReport.Handler>()
            .HandleAsync(new RunReport.Request("blocker", new ReportFilter())), null, DemoPortfolio.Now);

        Assert.False(result.Succeeded);
        var refusal = Assert.IsType<Refusal>(result.Refusal);
        Assert.Equal(("report", "UnknownChoice"), (refusal.Field, refusal.Code));
        Assert.Equal(["blocker", "status-matrix, blockers, no-intent, hygiene, hashtags, note-quality"], refusal.Args);
    }

    [Fact]
    public async Task Filters_RegionWorkloadAndManagerNarrowTheRows()
    {
        var raw = await RawAsync();
        var manager = raw.GroupBy(r => r.Manager).OrderByDescending(g => g.Count()).First().Key;
        var filter = new ReportFilter(Workloads: ["EXO", "SPO"], Regions: ["EMEA"], Manager: manager);

        var report = await RunAsync("status-matrix", filter);

        Assert.Equal(raw.Count(r => r.Region == "EMEA" && r.Manager == manager && (r.Workload is "EXO" or "SPO")),
            report.Lines.Sum(l => l.Values[0]));
    }

    [Fact]
    public async Task Scope_APartnerReaderCountsOnlyTheirPartnersRows_AndAnalystsSeeNoNames()
    {
        var raw = await RawAsync();
        var partnerId = raw.First(r => r.PartnerId != null).PartnerId!.Value;
        var partnerReader = new Caller("rm@partner.example", partnerId, null, Role.RegionalManager);
        var analyst = new Caller("analyst@centre.example", null, null, Role.ProductAnalyst);

        var partnerMatrix = await RunAsync("status-matrix", caller: partnerReader);
        var analystMatrix = await RunAsync("status-matrix", caller: analyst);
        var rows = await demo.Database.RunAsync(async sp => (await sp.GetRequiredService<DrillDown.Handler>()
            .HandleAsync(new DrillDown.Request(new ReportFilter(), TaxonomyCodes.Blocked))).Value!, analyst, DemoPortfolio.Now);

        Assert.Equal(raw.Count(r => r.PartnerId == partnerId), partnerMatrix.Lines.Sum(l => l.Values[0]));
        Assert.Equal(raw.Count, analystMatrix.Lines.Sum(l => l.Values[0]));
        Assert.NotEmpty(rows.Items);
        Assert.All(rows.Items, r => Assert.Equal((null, null), (r.TenantId, r.TenantName)));
        Assert.Equal(raw.Count(r => r.L1 == TaxonomyCodes.Blocked), rows.Total);
    }
}
