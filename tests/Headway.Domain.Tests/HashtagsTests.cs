using Headway.Domain.Tenants;

namespace Headway.Domain.Tests;

public class HashtagsTests
{
    [Theory]
    [InlineData("Customer asked for accelerated deployment #COVID #covid", "covid")]
    [InlineData("迁移进行中 #迁移 ＃Sicherheit", "迁移 sicherheit")]
    [InlineData("#fast-track #wave_2, then #Wave_2.", "fast-track wave_2")]
    [InlineData("C# and a#b are no tags; (#pilot) is", "pilot")]
    [InlineData("##double and # alone", "double")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Parse_Text_DistinctLowerCaseTagsInOrder(string? text, string? expected)
    {
        Assert.Equal(expected, Hashtags.Parse(text));
    }

    // The page once linked with its own pattern, which also took number characters that are not
    // decimal digits (², ①, 〇), so "#x²" linked the tag "x²" while the index held "x". The index
    // is what the reports and the tag page read, so its reading wins: such characters end a tag,
    // and do not prevent one when they stand before the '#'.
    [Theory]
    [InlineData("Area #x² done", "x")]
    [InlineData("Step ①#pilot", "pilot")]
    [InlineData("计划 #二〇二〇", "二")]
    [InlineData("#Ⅻ", null)]
    public void Parse_NumberCharactersThatAreNotDigits_EndTheTag(string text, string? expected)
    {
        Assert.Equal(expected, Hashtags.Parse(text));
    }

    [Theory]
    [InlineData("covid", "covid")]
    [InlineData("  #COVID ", "covid")]
    [InlineData("＃Sicherheit", "sicherheit")]
    [InlineData("##迁移", "迁移")]
    [InlineData(null, null)]
    public void Normalize_TypedTag_IsTheFormParseStores(string? typed, string? expected)
    {
        Assert.Equal(expected, Hashtags.Normalize(typed));
        if (expected is not null)
        {
            Assert.Equal(expected, Hashtags.Parse("#" + expected));
        }
    }

    [Fact]
    public void Find_Text_GivesEachTagWhereItStandsWithRepeats()
    {
        var found = Hashtags.Find("#Covid: pause, see ＃covid and #x²").ToList();

        Assert.Equal(
            [new Hashtags.Occurrence(0, 6, "covid"), new Hashtags.Occurrence(19, 6, "covid"), new Hashtags.Occurrence(30, 2, "x")],
            found);
    }

    [Fact]
    public void Parse_MoreTagsThanAreKept_KeepsWhatFitsAndSkipsTheRest()
    {
        // 300 Chinese tags of four characters: 1,499 characters, 3,899 bytes in UTF-8.
        var chinese = string.Join(' ', Enumerable.Range(0, 300).Select(i => "#" + (char)(0x4E00 + i) + "迁移项"));
        var oneLong = "#" + new string('a', Hashtags.MaxLength + 1) + " #covid";

        var kept = Hashtags.Parse(chinese)!;

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(kept) <= Hashtags.MaxBytes);
        Assert.Equal(Hashtags.MaxBytes / 13, kept.Split(' ').Length); // 12 bytes a tag and a space
        Assert.StartsWith("一迁移项 丁迁移项", kept);
        Assert.Equal("covid", Hashtags.Parse(oneLong));
        Assert.True(Hashtags.Parse(string.Join(' ', Enumerable.Range(0, 400).Select(i => "#t" + i)))!.Length <= Hashtags.MaxLength);
    }
}
