using System.Text.RegularExpressions;

namespace Headway.Web.Tests;

public partial class ResourcesTests
{
    private static Dictionary<string, string> Load(string lang) => UiStringFiles.Load(lang);

    [Theory]
    [InlineData("zh-Hans")]
    [InlineData("de")]
    [InlineData("ja")]
    public void Resources_EveryLanguage_HasEveryKeyWithTheSamePlaceholders(string lang)
    {
        var english = Load("en");
        var other = Load(lang);
        static bool IsPlural(string key) => key.Contains(Infrastructure.JsonStringLocalizer.PluralSeparator, StringComparison.Ordinal);

        Assert.Equal(english.Keys.Where(k => !IsPlural(k)).Order(), other.Keys.Where(k => !IsPlural(k)).Order());
        foreach (var (key, value) in english.Where(e => !IsPlural(e.Key)))
        {
            Assert.False(string.IsNullOrWhiteSpace(other[key]), $"{lang}: {key} is empty");
            Assert.Equal(Placeholders(value), Placeholders(other[key]));
        }

        // A plural form exists for exactly the strings English inflects and the categories the language has, with the same placeholders.
        var categories = Domain.Taxonomy.SupportedLanguages.PluralCategories(lang);
        var expected = english.Keys.Where(IsPlural).Select(k => k[..k.IndexOf('#', StringComparison.Ordinal)])
            .SelectMany(k => categories.Select(c => k + "#" + c)).Order();
        Assert.Equal(expected, other.Keys.Where(IsPlural).Order());
        foreach (var key in other.Keys.Where(IsPlural))
        {
            Assert.Equal(Placeholders(other[key[..key.IndexOf('#', StringComparison.Ordinal)]]), Placeholders(other[key]));
        }
    }

    [Fact]
    public void Pages_EveryResourceKeyTheyUse_Exists()
    {
        var english = Load("en");
        var features = Path.Combine(RepositoryRoot.Find(), "src", "Headway.Web", "Features");
        var used = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToArray();

        Assert.NotEmpty(used);
        Assert.All(used, key => Assert.True(english.ContainsKey(key), $"missing resource key {key}"));
    }

    [Fact]
    public void Pages_KeysComposedFromEnumValues_AllExist()
    {
        var english = Load("en");
        var composed = Enum.GetNames<Headway.Domain.Tenants.Priority>().Select(v => "Priority" + v)
            .Concat(Enum.GetNames<Headway.Domain.Entitlements.EngagementScenario>().Select(v => "Scenario" + v))
            .Concat(Enum.GetNames<Headway.Domain.Entitlements.ChangeKind>().Select(v => "Kind" + v))
            .Concat(Enum.GetNames<Headway.NoteCoach.Grade>().Select(v => "Grade" + v))
            .Concat(new[] { "Added", "Modified", "Deleted" }.Select(v => "Action" + v))
            .Concat(Enum.GetNames<Headway.Application.WorkList.WorkGroup>().Select(v => "WorkListGroup" + v))
            .Concat(Enum.GetNames<Headway.Domain.Tenants.OverallNoteType>().Select(v => "NoteType" + v))
            .Concat(Enum.GetNames<Headway.Application.Users.Role>().Select(v => "Role" + v))
            .Concat(typeof(Headway.Domain.Entitlements.EntitlementUpdate).GetProperties()
                .Where(p => p.Name != "NoteGrade").Select(p => "Field" + p.Name));

        Assert.All(composed, key => Assert.True(english.ContainsKey(key), $"missing resource key {key}"));
    }

    private static string[] Placeholders(string s) => Placeholder().Matches(s).Select(m => m.Value).Order().ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("T\\[\"([A-Za-z0-9]+)\"[\\],]")]
    private static partial Regex Key();
}
