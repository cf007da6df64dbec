using Headway.Application.Tenants;
using Headway.Application.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class ListTenantsTests : SeededTests
{

    private async Task<Page<ListTenants.Row>> ListAsync(ListTenants.Request request, Caller? caller = null) =>
        (await Database.RunAsync(sp => sp.GetRequiredService<ListTenants.Handler>().HandleAsync(request), caller)).Value!;

    [Fact]
    public async Task ListTenants_ProgrammeWide_SeesEveryPartnerAndTheCentre()
    {
        var page = await ListAsync(new ListTenants.Request());

        Assert.Equal(3, page.Total);
        Assert.Equal(["Contoso Pharma GmbH", "东方物流有限公司", "山田製作所株式会社"], page.Items.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListTenants_AsPartner_SeesOnlyItsOwnTenants()
    {
        var page = await ListAsync(new ListTenants.Request(), new Caller("b@partner", Ids.PartnerB, null, Role.Leadership));

        var row = Assert.Single(page.Items);
        Assert.Equal((Ids.TenantB, "Partner B", 4), (row.Id, row.Partner, row.Entitlements));
        Assert.Equal(1, page.Total);
    }

    [Theory]
    [InlineData("contoso", "Contoso Pharma GmbH")]
    [InlineData("物流", "东方物流有限公司")]
    [InlineData("东方", "东方物流有限公司")]
    [InlineData("製作所", "山田製作所株式会社")]
    public async Task ListTenants_Search_MatchesNameOrBrandNameInAnyScript(string search, string expected)
    {
        var page = await ListAsync(new ListTenants.Request(search));

        Assert.Equal(expected, Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task ListTenants_SearchWithLikeWildcards_MatchesThemLiterally()
    {
        var page = await ListAsync(new ListTenants.Request("%"));

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task ListTenants_SortBySeatsDescendingWithPaging_ReturnsTheRightSlice()
    {
        var first = await ListAsync(new ListTenants.Request(null, 1, 2, "seats", true));
        var second = await ListAsync(new ListTenants.Request(null, 2, 2, "seats", true));

        Assert.Equal([5000, 1200], first.Items.Select(r => r.Seats));
        Assert.Equal([800], second.Items.Select(r => r.Seats));
        Assert.Equal((3, 2), (first.Total, first.PageCount));
    }

    [Fact]
    public async Task ListTenants_PageSizeOutOfRange_IsClamped()
    {
        var page = await ListAsync(new ListTenants.Request(null, -3, 100_000));

        Assert.Equal((1, Paging.MaxPageSize), (page.PageNumber, page.PageSize));
    }
}
