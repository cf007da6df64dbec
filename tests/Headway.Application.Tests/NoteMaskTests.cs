using System.Globalization;
using Headway.Application.Entitlements;
using Headway.Application.Reports;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Taxonomy;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>Product analysts read notes in drill-downs with the customer's and contacts' names masked.</summary>
public class NoteMaskTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Contoso Pharma GmbH", null, "Contoso Pharma GmbH will not move mail because Contoso Pharma's legal team forbids it.",
        "[customer] will not move mail because [customer]'s legal team forbids it.")]
    [InlineData("Fabrikam Ltd", "Fabrikam", "Blocked: Fabrikam's proxy; ask Mr. Smith (john.smith@fabrikam.example, +44 20 7946 0958).",
        "Blocked: [customer]'s proxy; ask [contact] ([contact], [contact]).")]
    [InlineData("山田製作所株式会社", null, "山田製作所のプロキシが原因でブロック。田中様に確認済み。", "[customer]のプロキシが原因でブロック。[contact]に確認済み。")]
    [InlineData("东方物流有限公司", "东方", "东方物流的防火墙阻止了流量，王先生正在处理。", "[customer]的防火墙阻止了流量，[contact]正在处理。")]
    public void Mask_NamesEmailsPhonesAndTitledPeople_AreReplaced(string name, string? brand, string note, string expected) =>
        Assert.Equal(expected, NoteMask.Mask(note, name, brand, "en"));

    [Fact]
    public void Mask_NothingNamed_LeavesTheNoteAsItIs()
    {
        const string note = "Customer is blocked because the firewall does not forward SMTP traffic to Exchange Online.";

        Assert.Equal(note, NoteMask.Mask(note, "Northwind Traders", null, "de"));
    }

    [Fact]
    public async Task DrillDown_ProductAnalyst_ReadsTheNoteWithTheCustomersNameMaskedAndAManagerReadsItWhole()
    {
        const string note = "Contoso Pharma will not deploy: Frau Weber (it@contoso.example) says the works council has not agreed.";
        var saved = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(Ids.TenantA, "EXO", 1,
            new EntitlementUpdate(TaxonomyCodes.Blocked, "LegalRegulatory", Note: note))), Seed.AsManager(), Now);
        Assert.True(saved.Succeeded, saved.Refusal?.Code);
        var analyst = new Caller("analyst@example", null, null, Role.ProductAnalyst);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
        try
        {
            var asAnalyst = await Database.RunAsync(sp => sp.GetRequiredService<DrillDown.Handler>().HandleAsync(new DrillDown.Request(new ReportFilter(), TaxonomyCodes.Blocked)), analyst, Now);
            var asManager = await Database.RunAsync(sp => sp.GetRequiredService<DrillDown.Handler>().HandleAsync(new DrillDown.Request(new ReportFilter(), TaxonomyCodes.Blocked)), Seed.AsManager(), Now);

            Assert.Equal("[Kunde] will not deploy: [Kontakt] ([Kontakt]) says the works council has not agreed.", Assert.Single(asAnalyst.Value!.Items).Note);
            Assert.Equal(note, Assert.Single(asManager.Value!.Items).Note);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
