using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;

namespace Headway.Web.Tests;

public class HashtagTextTests
{
    [Fact]
    public void Split_Note_LinksEachTagAndKeepsTheTextAround()
    {
        var segments = HashtagText.Split("Paused, no #COVID; see ＃迁移.").ToList();

        Assert.Equal(
            [new("Paused, no ", null), new("#COVID", "covid"), new("; see ", null), new("＃迁移", "迁移"), new(".", null)],
            segments);
    }

    [Theory]
    [InlineData("Area #x² done, C# no, ①#pilot, #二〇二〇 and #Ⅻ")]
    [InlineData("#fast-track #Wave_2 #wave_2 ##double")]
    public void Split_Note_LinksExactlyTheTagsTheIndexStores(string text)
    {
        var segments = HashtagText.Split(text).ToList();

        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
        Assert.Equal(
            Hashtags.Parse(text)?.Split(' ') ?? [],
            segments.Where(s => s.Tag is not null).Select(s => s.Tag).Distinct());
    }

    [Fact]
    public void Split_MoreTagsThanAreKept_LinksOnlyTheKeptOnes()
    {
        var text = "Paused. " + string.Join(' ', Enumerable.Range(0, 300).Select(i => "#" + (char)(0x4E00 + i) + "迁移项"));

        var segments = HashtagText.Split(text).ToList();

        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
        Assert.Equal(Hashtags.Parse(text)!.Split(' '), segments.Where(s => s.Tag is not null).Select(s => s.Tag));
        Assert.True(segments.Count(s => s.Tag is not null) < 300);
    }
}
