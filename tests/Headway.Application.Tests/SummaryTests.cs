using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class SummaryTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static WriteSummary.Request Valid(long tenant, string risks = "Der Betriebsrat muss der Auswertung von Nutzungsdaten noch zustimmen.") => new(tenant,
        "Pharmahersteller mit 1.200 Beschäftigten an drei Standorten; neue IT-Leitung seit März.", "FullyEngaged", "PartiallyDeployed",
        "Enger Kontakt zur IT-Leitung; der Partner liefert die Migration.",
        [new SummaryLine("EXO", "In Bearbeitung · Migration: Welle 2 von 3 läuft.", "Welle 3 planen (15.07.)"), new SummaryLine("core", "Keine Absicht bis zum Vertragsende.", null)],
        null, risks);

    private Task<Result<ExecutiveSummary>> WriteAsync(WriteSummary.Request request, Caller? caller = null, DateTimeOffset? at = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<WriteSummary.Handler>().HandleAsync(request), caller ?? Seed.AsManager(), at ?? Now);

    private Task<Result<Page<ListSummaries.Row>>> ListAsync(ListSummaries.Request request, Caller? caller = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<ListSummaries.Handler>().HandleAsync(request), caller ?? Seed.AsManager(), Now);

    [Fact]
    public async Task Write_ValidSummary_IsStoredAsWrittenWithTheTenantsRegion()
    {
        var written = await WriteAsync(Valid(Ids.TenantA));

        Assert.True(written.Succeeded, written.Refusal?.Code);
        var read = await Database.RunAsync(sp => sp.GetRequiredService<GetSummary.Handler>().HandleAsync(written.Value!.Id), Seed.AsManager(), Now);
        var s = read.Value!.Summary;
        Assert.Equal(("EMEA", Seed.Manager, EngagementStatus.FullyEngaged, DeploymentProgress.PartiallyDeployed), (s.Region, s.Author, s.EngagementStatus, s.DeploymentProgress));
        Assert.Equal(["EXO", "CORE"], s.Lines.Select(l => l.Workload));
        Assert.Equal("Welle 3 planen (15.07.)", s.Lines[0].NextAction);
        Assert.Null(s.SupportRequests);
        Assert.Equal("Contoso Pharma GmbH", read.Value.Tenant.Name);
    }

    [Theory]
    [InlineData("description", RefusalCodes.DescriptionRequired, "customerDescription")]
    [InlineData("engagement", RefusalCodes.UnknownChoice, "engagementStatus")]
    [InlineData("line-not-entitled", RefusalCodes.WorkloadNotEntitlement, "lines")]
    [InlineData("line-twice", RefusalCodes.WorkloadNotEntitlement, "lines")]
    [InlineData("line-empty", RefusalCodes.LineStateRequired, "lines")]
    [InlineData("risks-long", RefusalCodes.FieldTooLong, "risks")]
    public async Task Write_BadInput_IsRefusedForItsFieldAndStoresNothing(string fault, string code, string field)
    {
        var valid = Valid(Ids.TenantA);
        var request = fault switch
        {
            "description" => valid with { CustomerDescription = "  " },
            "engagement" => valid with { EngagementStatus = "Engaged" },
            "line-not-entitled" => valid with { Lines = [new SummaryLine("INTUNE", "Pilot.", null)] },
            "line-twice" => valid with { Lines = [new SummaryLine("EXO", "a", null), new SummaryLine("exo", "b", null)] },
            "line-empty" => valid with { Lines = [new SummaryLine("EXO", " ", null)] },
            _ => valid with { Risks = new string('风', ExecutiveSummary.MaxRisks + 1) },
        };

        var result = await WriteAsync(request);

        Assert.Equal((code, field), (result.Refusal!.Code, result.Refusal.Field));
        Assert.Equal(0, (await ListAsync(new ListSummaries.Request())).Value!.Total);
    }

    [Fact]
    public async Task Write_NotTheTenantsManagerOrNotAManager_IsRefused()
    {
        var otherManager = await WriteAsync(Valid(Ids.TenantA), new Caller("other-fm@example", null, null, Role.Manager));
        var engineer = await WriteAsync(Valid(Ids.TenantA), new Caller("eng@example", null, null, Role.Engineer));
        var otherPartner = await WriteAsync(Valid(Ids.TenantA), Seed.AsManager(Ids.PartnerB));

        Assert.Equal([RefusalCodes.NotAssigned, RefusalCodes.Forbidden, RefusalCodes.TenantNotFound],
            new[] { otherManager, engineer, otherPartner }.Select(r => r.Refusal!.Code));
    }

    [Fact]
    public async Task List_PerRegion_ShowsEachTenantsLatestInScopeAndLeavesOutDuplicates()
    {
        Assert.True((await WriteAsync(Valid(Ids.TenantA, "older"), at: Now)).Succeeded);
        Assert.True((await WriteAsync(Valid(Ids.TenantA, "newer"), at: Now.AddDays(1))).Succeeded);
        Assert.True((await WriteAsync(Valid(Ids.TenantB) with { Lines = [] }, at: Now)).Succeeded);
        Assert.True((await WriteAsync(Valid(Ids.TenantCentre) with { Lines = [] }, at: Now)).Succeeded);
        var leadership = new Caller("lead@example", null, null, Role.Leadership);

        var all = await ListAsync(new ListSummaries.Request(), leadership);
        var emea = await ListAsync(new ListSummaries.Request(Region: "EMEA"), leadership);
        var partnerA = await ListAsync(new ListSummaries.Request(), new Caller("rm@a.example", Ids.PartnerA, null, Role.RegionalManager));
        var history = await ListAsync(new ListSummaries.Request(TenantId: Ids.TenantA), leadership);
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<MarkDuplicate.Handler>().HandleAsync(new MarkDuplicate.Request(Ids.TenantB, "Same customer as tenant 1.")), Seed.AsManager(), Now)).Succeeded);
        var afterDuplicate = await ListAsync(new ListSummaries.Request(), leadership);

        Assert.Equal(3, all.Value!.Total);
        Assert.Equal("newer", Assert.Single(emea.Value!.Items).Summary.Risks);
        Assert.Equal([Ids.TenantA], partnerA.Value!.Items.Select(r => r.Summary.TenantId));
        Assert.Equal(["newer", "older"], history.Value!.Items.Select(r => r.Summary.Risks));
        Assert.DoesNotContain(afterDuplicate.Value!.Items, r => r.Summary.TenantId == Ids.TenantB);
    }

    [Fact]
    public async Task List_IsNewestFirstByTheTimeWritten_NotByTheOrderStored()
    {
        // Stored in this order, written (as an import of older summaries would) in another.
        Assert.True((await WriteAsync(Valid(Ids.TenantA, "A, written last"), at: Now.AddDays(2))).Succeeded);
        Assert.True((await WriteAsync(Valid(Ids.TenantB, "B, written first") with { Lines = [] }, at: Now)).Succeeded);
        Assert.True((await WriteAsync(Valid(Ids.TenantCentre, "centre, in between") with { Lines = [] }, at: Now.AddDays(1))).Succeeded);
        Assert.True((await WriteAsync(Valid(Ids.TenantA, "A, stored last but written earliest"), at: Now.AddDays(-5))).Succeeded);
        var leadership = new Caller("lead@example", null, null, Role.Leadership);

        var all = await ListAsync(new ListSummaries.Request(), leadership);
        var history = await ListAsync(new ListSummaries.Request(TenantId: Ids.TenantA), leadership);

        Assert.Equal(["A, written last", "centre, in between", "B, written first"], all.Value!.Items.Select(r => r.Summary.Risks));
        Assert.Equal(["A, written last", "A, stored last but written earliest"], history.Value!.Items.Select(r => r.Summary.Risks));
    }
}
