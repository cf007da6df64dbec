using Headway.Application.Reports;

namespace Headway.Web.Tests;

/// <summary>
/// A report added to the catalogue is shown in every language at once, so its strings must be in every
/// strings file (the editable source of the resources), not only in English.
/// </summary>
public class ReportStringsTests
{
    public static TheoryData<string> Languages => new("en", "zh-Hans", "de", "ja");

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryReport_InEveryLanguage_HasItsTitleAboutAndColumns(string lang)
    {
        var strings = UiStringFiles.Load(lang);

        var keys = ReportCatalogue.All
            .SelectMany(r => new[] { r.TitleKey, r.AboutKey }.Concat(r.KeyColumns).Concat(r.ValueColumns))
            .Concat(HygieneReport.Reasons.Select(reason => "Hygiene" + reason))
            .Distinct();

        Assert.All(keys, key => Assert.False(string.IsNullOrWhiteSpace(strings.GetValueOrDefault(key)), $"{lang}: {key} is missing or empty"));
    }
}
