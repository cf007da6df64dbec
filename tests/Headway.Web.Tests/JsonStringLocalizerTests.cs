using System.Globalization;
using Headway.Web.Infrastructure;

namespace Headway.Web.Tests;

public class JsonStringLocalizerTests
{
    private static readonly JsonStringLocalizerFactory Factory = new();

    [Theory]
    [InlineData("en", "Language")]
    [InlineData("en-GB", "Language")]
    [InlineData("zh-Hans", "语言")]
    [InlineData("zh-CN", "语言")]
    [InlineData("de", "Sprache")]
    [InlineData("de-AT", "Sprache")]
    [InlineData("ja-JP", "言語")]
    [InlineData("fr-FR", "Language")]
    public void Indexer_Culture_FallsBackThroughParentsToEnglish(string culture, string expected)
    {
        var localizer = Factory.Create(typeof(SharedResource));

        var found = InCulture(culture, () => localizer["Language"]);

        Assert.Equal(expected, found.Value);
        Assert.False(found.ResourceNotFound);
    }

    [Fact]
    public void Indexer_UnknownName_ReturnsTheNameMarkedNotFound()
    {
        var found = InCulture("de", () => Factory.Create(typeof(SharedResource))["NoSuchString"]);

        Assert.Equal("NoSuchString", found.Value);
        Assert.True(found.ResourceNotFound);
    }

    [Fact]
    public void Indexer_WithArguments_FormatsInTheCurrentCulture()
    {
        var found = InCulture("de", () => Factory.Create("SharedResource", "Headway.Web")["TotalTenants", 1.5]);

        Assert.Equal("1,5 Tenants", found.Value);
    }

    [Fact]
    public void GetAllStrings_EveryLanguage_HasEveryEnglishName()
    {
        // Plural forms (Name#one) exist only in the languages that inflect; ResourcesTests checks them.
        static string[] Names() => Factory.Create(typeof(SharedResource)).GetAllStrings(false).Select(s => s.Name)
            .Where(n => !n.Contains(JsonStringLocalizer.PluralSeparator, StringComparison.Ordinal)).Order().ToArray();
        var english = InCulture("en", Names);

        foreach (var lang in new[] { "zh-Hans", "de", "ja" })
        {
            Assert.Equal(english, InCulture(lang, Names));
        }
    }

    [Theory]
    [InlineData("en", 1, "1 tenant")]
    [InlineData("en", 2, "2 tenants")]
    [InlineData("en", 0, "0 tenants")]
    [InlineData("de", 1, "1 Tenant")]
    [InlineData("de", 1234, "1.234 Tenants")]
    [InlineData("ja", 1, "1 件のテナント")]
    [InlineData("zh-Hans", 1, "1 个租户")]
    public void Count_TakesThePluralFormOfItsLanguage_GivenAsANumberOrWrittenOut(string lang, int count, string expected)
    {
        var written = InCulture(lang, () => Factory.Create(typeof(SharedResource))["TotalTenants", count.ToString("N0", CultureInfo.CurrentCulture)].Value);
        var number = InCulture(lang, () => Factory.Create(typeof(SharedResource))["TotalTenants", count].Value);

        Assert.Equal(expected, written);
        Assert.Equal(expected.Replace(".", "", StringComparison.Ordinal), number);
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
