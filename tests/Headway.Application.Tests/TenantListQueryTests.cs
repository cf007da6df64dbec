using Headway.Application.Tenants;
using Headway.Domain.Results;
using Headway.Domain.Tenants;

namespace Headway.Application.Tests;

public class TenantListQueryTests
{
    [Fact]
    public void Parse_EveryParameter_ReadsItsValuesAndWritesThemBackInCanonicalForm()
    {
        var parsed = TenantListQuery.Parse(
            "Q=%E6%9D%B1%E6%96%B9+Logistics&l1=blocked&L2=AppCompatibility&workload=teams&grade=poor&hygiene=notupdated&staleDays=60&priority=high" +
            "&country=de&region=emea&manager=fm%40example&mine=TRUE&tag=%23Covid&sort=LASTCHANGE&desc=true");

        Assert.True(parsed.Succeeded, parsed.Refusal?.Code);
        var f = parsed.Value;
        Assert.Equal(("東方 Logistics", 60, true, "lastChange", true), (f.Text, f.StaleDays, f.Mine, f.Sort, f.Descending));
        Assert.Equal(["Blocked"], f.L1);
        Assert.Equal(["AppCompatibility"], f.L2);
        Assert.Equal(["TEAMS"], f.Workloads);
        Assert.Equal(["Poor"], f.Grades);
        Assert.Equal(["NotUpdated"], f.Hygiene);
        Assert.Equal([Priority.High], f.Priorities);
        Assert.Equal(["DE"], f.Countries);
        Assert.Equal(["EMEA"], f.Regions);
        Assert.Equal(["fm@example"], f.Managers);
        Assert.Equal(["covid"], f.Tags);
        Assert.Equal(
            "q=%E6%9D%B1%E6%96%B9%20Logistics&l1=Blocked&l2=AppCompatibility&workload=TEAMS&grade=Poor&hygiene=NotUpdated&staleDays=60&priority=High" +
            "&country=DE&region=EMEA&manager=fm%40example&mine=true&tag=covid&sort=lastChange&desc=true",
            TenantListQuery.ToQuery(f));
    }

    [Fact]
    public void Parse_DefaultsAndEmptyValues_AreNoCondition()
    {
        var parsed = TenantListQuery.Parse("q=&l1=&sort=name&desc=false&mine=false&staleDays=30&manager=+");

        Assert.False(parsed.Value!.Narrows);
        Assert.Equal("", TenantListQuery.ToQuery(parsed.Value));
    }

    [Fact]
    public void Parse_OldSearchName_IsQ()
    {
        Assert.Equal("contoso", TenantListQuery.Parse("search=contoso").Value!.Text);
        Assert.Equal((RefusalCodes.ParameterRepeated, "q"), Code(TenantListQuery.Parse("search=a&q=b")));
    }

    [Theory]
    [InlineData("colour=blue", RefusalCodes.UnknownParameter, "colour")]
    [InlineData("l1=Blocked&l1=Stalled", RefusalCodes.UnknownFilterValue, "l1")]
    [InlineData("sort=seats&sort=name", RefusalCodes.ParameterRepeated, "sort")]
    [InlineData("mine=1", RefusalCodes.UnknownFilterValue, "mine")]
    [InlineData("staleDays=3651", RefusalCodes.UnknownFilterValue, "staleDays")]
    [InlineData("staleDays=-1", RefusalCodes.UnknownFilterValue, "staleDays")]
    [InlineData("manager=a%00b", RefusalCodes.ForbiddenCharacter, "manager")]
    [InlineData("q=%E2%80%AEevil", RefusalCodes.ForbiddenCharacter, "q")]
    public void Parse_BadInput_IsRefusedNamingTheParameter(string query, string code, string field) =>
        Assert.Equal((code, field), Code(TenantListQuery.Parse(query)));

    [Fact]
    public void Parse_TooManyOrTooLongTexts_AreRefused()
    {
        var many = string.Join("&", Enumerable.Range(0, TenantListQuery.MaxTextValues + 1).Select(i => $"tag=t{i}"));

        Assert.Equal((RefusalCodes.TooManyFilterValues, "tag"), Code(TenantListQuery.Parse(many)));
        Assert.Equal((RefusalCodes.FieldTooLong, "q"), Code(TenantListQuery.Parse("q=" + new string('x', Search.SearchAll.MaxQuery + 1))));
    }

    [Fact]
    public void Parse_ParameterTheCallerReads_IsLeftToIt()
    {
        var pairs = new[] { KeyValuePair.Create("p", (string?)"2"), KeyValuePair.Create("l1", (string?)"Blocked") };

        Assert.True(TenantListQuery.Parse(pairs, ["p"]).Succeeded);
        Assert.Equal((RefusalCodes.UnknownParameter, "p"), Code(TenantListQuery.Parse(pairs, [])));
    }

    private static (string?, string?) Code(Result<TenantFilter> result) => (result.Refusal?.Code, result.Refusal?.Field);
}
