using Headway.Application.Entitlements;
using Headway.Application.Notes;
using Headway.Application.Search;
using Headway.Domain.Entitlements;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class SearchTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private async Task NoteAsync(long tenant, string workload, int version, string l1, string l2, string note) =>
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(
            new ChangeStatus.Request(tenant, workload, version, new EntitlementUpdate(l1, l2, Note: note, ProjectedUnblockDate: l1 == "Blocked" ? new DateOnly(2026, 9, 1) : null,
                TargetDate: l1 == "InProgress" ? new DateOnly(2026, 9, 1) : null))),
            Seed.AsManager(), Now)).Succeeded);

    private Task<SearchAll.Response> SearchAsync(string query, Caller? caller = null) =>
        Database.RunAsync(async sp => (await sp.GetRequiredService<SearchAll.Handler>().HandleAsync(new SearchAll.Request(query))).Value!,
            caller ?? Seed.AsManager(), Now);

    private async Task SeedNotesAsync()
    {
        await NoteAsync(Ids.TenantB, "EXO", 1, "Blocked", "CustomerItInfrastructureRemediation", "客户的防火墙阻止了到 Exchange Online 的 SMTP 流量，邮箱无法连接。");
        await NoteAsync(Ids.TenantCentre, "EXO", 1, "Blocked", "CustomerItInfrastructureRemediation", "お客様のファイアウォールが SMTP 通信を転送しないため、導入できません。");
        await NoteAsync(Ids.TenantA, "SPO", 1, "Blocked", "LegalRegulatory", "Der Betriebsrat hat der Verarbeitung von Nutzungsdaten noch nicht zugestimmt.");
        Assert.True((await Database.RunAsync(sp => sp.GetRequiredService<AddOverallNote.Handler>().HandleAsync(
            new AddOverallNote.Request(Ids.TenantA, "TechnicalEnablement", "Die neue Firewall-Regel für SMTP ist seit Montag aktiv.")), Seed.AsManager(), Now)).Succeeded);
    }

    [Theory]
    [InlineData("防火墙", "东方物流有限公司", SearchAll.HitKind.StatusNote)]
    [InlineData("ファイアウォール", "山田製作所株式会社", SearchAll.HitKind.StatusNote)]
    [InlineData("betriebsrat", "Contoso Pharma GmbH", SearchAll.HitKind.StatusNote)]
    [InlineData("Firewall-Regel", "Contoso Pharma GmbH", SearchAll.HitKind.OverallNote)]
    [InlineData("東方", null, null)]
    [InlineData("东方", "东方物流有限公司", SearchAll.HitKind.Tenant)]
    [InlineData("山田", "山田製作所株式会社", SearchAll.HitKind.Tenant)]
    public async Task Search_WordInAnyScript_FindsTheNotesAndTenantsContainingIt(string query, string? tenant, SearchAll.HitKind? kind)
    {
        await SeedNotesAsync();

        var result = await SearchAsync(query);

        if (tenant is null)
        {
            Assert.Empty(result.Hits.Items);
            return;
        }

        Assert.Contains(result.Hits.Items, h => h.TenantName == tenant && h.Kind == kind);
        Assert.All(result.Hits.Items, h => Assert.Contains(query, h.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Search_SeveralWords_NeedsAllOfThemAndSeesEditsAtOnce()
    {
        await SeedNotesAsync();

        var both = await SearchAsync("SMTP 邮箱");
        await NoteAsync(Ids.TenantB, "EXO", 2, "InProgress", "Migration", "迁移已开始，第一批 200 个用户。");
        var afterEdit = await SearchAsync("防火墙");

        Assert.Equal("东方物流有限公司", Assert.Single(both.Hits.Items).TenantName);
        Assert.Empty(afterEdit.Hits.Items);
    }

    [Fact]
    public async Task Search_PartnerUser_FindsOnlyTheirOwnTenants()
    {
        await SeedNotesAsync();

        var partnerA = await SearchAsync("SMTP", Seed.AsManager(Ids.PartnerA));
        var centre = await SearchAsync("SMTP");

        Assert.Equal(["Contoso Pharma GmbH"], partnerA.Hits.Items.Select(h => h.TenantName).Distinct());
        Assert.Equal(3, centre.Hits.Items.Select(h => h.TenantName).Distinct().Count());
    }

    [Fact]
    public async Task Index_PausedForABulkLoad_IsRebuiltWhenTheLoadEndsOrAtTheNextStart()
    {
        await Database.RunAsync(async sp => { await SearchIndex.PauseAsync(sp.GetRequiredService<Data.HeadwayDbContext>()); return 0; });
        await SeedNotesAsync();

        var whilePaused = await SearchAsync("防火墙");
        await Database.RunAsync(async sp => { await Data.HeadwayDatabase.MigrateAsync(sp.GetRequiredService<Data.HeadwayDbContext>()); return 0; });
        var afterRestart = await SearchAsync("防火墙");

        if (Headway.Testing.TestDatabase.IsPostgres)
        {
            // PostgreSQL searches the tables themselves through trigram indexes: nothing to pause, never stale.
            Assert.Equal("东方物流有限公司", Assert.Single(whilePaused.Hits.Items).TenantName);
        }
        else
        {
            Assert.Empty(whilePaused.Hits.Items);
        }

        Assert.Equal("东方物流有限公司", Assert.Single(afterRestart.Hits.Items).TenantName);
    }
}
