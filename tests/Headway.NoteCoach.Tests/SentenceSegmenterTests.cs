using Headway.NoteCoach.Text;

namespace Headway.NoteCoach.Tests;

public class SentenceSegmenterTests
{
    [Theory]
    [InlineData("en", "Blocked by the proxy. Managed account.", 2)]
    [InlineData("en", "Clients run build 16.0.1 and usage is 0.0%. Nothing else.", 2)]
    [InlineData("en", "Old add-ins, e.g. the CRM plugin, i.e. a LOB app, break Office 365 clients.", 1)]
    [InlineData("en", "See https://contoso.sharepoint.com/sites/it.team for details. Blocked.", 2)]
    [InlineData("en", "Is it blocked?! Yes... by the proxy", 3)]
    [InlineData("en", "Line one\nLine two", 2)]
    [InlineData("de", "Alte Clients, z. B. Outlook 2010, usw. blockieren. Verwaltetes Konto.", 2)]
    [InlineData("de", "Nutzung 0,0 %. Kunde bzw. Partner reagiert nicht.", 2)]
    [InlineData("zh", "3 次尝试联系客户都无反应。客户已托管。", 2)]
    [InlineData("zh", "客户受阻！原因是防火墙？是的。", 3)]
    [InlineData("ja", "3 回連絡を試みても返信がありません。管理対象のお客様です。", 2)]
    [InlineData("ja", "Office 365 のバージョン 16.0.1 を使用。問題なし", 2)]
    [InlineData("en", "", 0)]
    [InlineData("en", " ... ", 0)]
    public void Count_Text_CountsSentences(string language, string text, int expected)
    {
        var profile = Coach.Default.Profiles[language];
        Assert.Equal(expected, SentenceSegmenter.Count(text, profile));
    }

    [Fact]
    public void TextElements_CombiningAndSurrogates_CountsUserPerceivedCharacters()
    {
        Assert.Equal(3, SentenceSegmenter.TextElements("e\u0301a😀"));
        Assert.Equal(4, SentenceSegmenter.TextElements("客户受阻"));
    }
}
