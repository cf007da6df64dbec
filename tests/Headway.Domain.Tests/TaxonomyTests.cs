using Headway.Domain.Results;
using Headway.Domain.Taxonomy;

namespace Headway.Domain.Tests;

public class TaxonomyTests
{
    public static TheoryData<string, string> L2sOfL1 => new()
    {
        { "StatusUnknown", "CustomerUnresponsive NewSubscriptionOrWorkload" },
        { "InProgress", "TechnicalOnboardingDeployment Migration SolutionOrUserAdoption" },
        { "NoIntent", "UsingCompetitiveSolution UsingOnPremisesSolution ExecutiveSponsorship" },
        {
            "Blocked",
            "CustomerItInfrastructureRemediation ItChangeManagementResourcing LegalRegulatory SecurityPrivacyNonProduct " +
            "AdoptionReadiness ProductFeatureCapability ServiceReliability AppCompatibility PartnerEngagement BillingLicensingSubscription"
        },
        { "DuplicateInvalid", "" },
    };

    [Theory]
    [MemberData(nameof(L2sOfL1))]
    public void Default_L1_HasExactlyTheStableL2Codes(string l1, string l2s)
    {
        var definition = StatusTaxonomy.Default.FindL1(l1);

        Assert.NotNull(definition);
        Assert.Equal(l2s.Split(' ', StringSplitOptions.RemoveEmptyEntries), definition.L2s.Select(x => x.Code));
        Assert.All(definition.L2s, x => Assert.Equal(l1, StatusTaxonomy.Default.FindL2(x.Code)!.L1Code));
    }

    [Fact]
    public void Default_L1s_AreTheFiveStableCodesInOrder()
    {
        Assert.Equal(["StatusUnknown", "InProgress", "NoIntent", "Blocked", "DuplicateInvalid"],
            StatusTaxonomy.Default.L1s.Select(l => l.Code));
    }

    [Fact]
    public void Default_EveryNameAndDefinition_IsWrittenInAllFourLanguages()
    {
        foreach (var l1 in StatusTaxonomy.Default.L1s)
        {
            AssertFourLanguages(l1.Name, l1.Code);
            AssertFourLanguages(l1.Definition, l1.Code);
            AssertFourLanguages(l1.Requirements, l1.Code);
            foreach (var l2 in l1.L2s)
            {
                AssertFourLanguages(l2.Name, l2.Code);
                AssertFourLanguages(l2.Definition, l2.Code);
            }
        }

        // Product names stay English in every language, as customers use them; only presence is checked.
        Assert.All(WorkloadCatalogue.Default.All, w => Assert.Equal(SupportedLanguages.All.Order(), w.Name.Languages.Order()));
    }

    [Fact]
    public void Industries_AreNamedInAllFourLanguages_AndAStoredNameInAnyLanguageReadsInTheReaders()
    {
        Assert.True(Industries.Default.All.Count >= 15);
        Assert.All(Industries.Default.All, i => AssertFourLanguages(i.Name, i.Code));
        // No name stands for two industries, so every name finds its own.
        Assert.All(Industries.Default.All, i => Assert.All(SupportedLanguages.All, l => Assert.Same(i, Industries.Default.Find(i.Name.Get(l)))));

        Assert.Equal("製造", Industries.Default.Show("Manufacturing", "ja-JP"));
        Assert.Equal("Manufacturing", Industries.Default.Show("fertigung", "en"));
        Assert.Equal("金融服务", Industries.Default.Show(" Finanzdienstleistungen ", "zh-CN"));
        // What is not in the list stays as typed.
        Assert.Equal("Raumfahrt", Industries.Default.Show("Raumfahrt", "ja"));
        Assert.Null(Industries.Default.Show(null, "de"));
    }

    [Fact]
    public void Catalogue_Workloads_AreTheStableCodesAndCoreIsForNotesOnly()
    {
        Assert.Equal("EXO OLM SPO OD OPP TEAMS YAM WIN10 INTUNE AADP AIP MCAS IDSEC PROJ WDATP SDS".Split(' '),
            WorkloadCatalogue.Default.Entitlements.Select(w => w.Code));
        Assert.False(WorkloadCatalogue.Default.Find("core")!.IsEntitlement);
        Assert.Equal("TEAMS", WorkloadCatalogue.Default.Find("teams")!.Code);
        Assert.Null(WorkloadCatalogue.Default.Find("CRM"));
    }

    [Fact]
    public void RefusalMessages_EveryCode_HasAMessageInAllFourLanguages()
    {
        var codes = typeof(RefusalCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToArray();

        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Equal(SupportedLanguages.All.Order(), RefusalMessages.LanguagesOf(code).Order()));
    }

    [Fact]
    public void NoteTemplates_EveryL1_HasTemplatesWithTheSamePlaceholdersInAllFourLanguages()
    {
        foreach (var l1 in StatusTaxonomy.Default.L1s)
        {
            var templates = NoteTemplates.For(l1.Code);
            Assert.NotEmpty(templates);
            foreach (var t in templates)
            {
                AssertFourLanguages(t, l1.Code);
                var placeholders = SupportedLanguages.All.Select(l => t.Get(l).Count(c => c == '[')).Distinct();
                Assert.Single(placeholders);
            }
        }

        Assert.Empty(NoteTemplates.For("Unknown"));
    }

    [Fact]
    public void Geography_EveryCountryAndRegion_IsNamedInAllFourLanguages()
    {
        Assert.True(Geography.Default.Countries.Count() >= 20);
        foreach (var c in Geography.Default.Countries)
        {
            AssertFourLanguages(c.Name, c.Code, mayEqualEnglish: true);
            Assert.NotEqual(c.Region, Geography.Default.RegionName(c.Region, "zh-Hans"));
        }

        Assert.Equal("Schweiz", Geography.Default.CountryName("CH", "de-CH"));
        Assert.Equal("スイス", Geography.Default.CountryName("ch", "ja"));
        Assert.Equal("XK", Geography.Default.CountryName("XK", "en"));
    }

    [Fact]
    public void Geography_NoCodeHoldsAComma()
    {
        // The scope filter finds a caller's regions and countries in one comma-separated text each.
        Assert.All(Geography.Default.Regions.Concat(Geography.Default.Countries.Select(c => c.Code)), code =>
        {
            Assert.False(string.IsNullOrWhiteSpace(code));
            Assert.DoesNotContain(',', code);
        });
    }

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-TW", "zh-Hans")]
    [InlineData("ja-JP", "ja")]
    [InlineData("fr-FR", "en")]
    [InlineData(null, "en")]
    public void Normalize_RegionalCulture_MapsOntoASupportedLanguage(string? culture, string expected)
    {
        Assert.Equal(expected, SupportedLanguages.Normalize(culture));
    }

    private static void AssertFourLanguages(LocalizedText text, string what, bool mayEqualEnglish = false)
    {
        Assert.True(SupportedLanguages.All.All(l => text.Languages.Contains(l)), $"{what} lacks a language");
        var values = SupportedLanguages.All.Select(text.Get).ToArray();
        Assert.All(values, v => Assert.False(string.IsNullOrWhiteSpace(v), $"{what} has an empty text"));
        // A translation that equals the English text everywhere would mean it was never translated.
        Assert.True(mayEqualEnglish || values.Skip(1).Any(v => v != values[0]), $"{what} is not translated");
    }
}
