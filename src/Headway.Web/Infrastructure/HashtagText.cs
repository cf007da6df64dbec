using System.Text.RegularExpressions;

namespace Headway.Web.Infrastructure;

/// <summary>Splits note text into plain runs and hashtags, so pages can link tags without building markup from text.</summary>
public static partial class HashtagText
{
    public sealed record Segment(string Text, string? Tag);

    public static IEnumerable<Segment> Split(string text)
    {
        var at = 0;
        foreach (Match m in Tag().Matches(text))
        {
            if (m.Index > at)
            {
                yield return new Segment(text[at..m.Index], null);
            }

            yield return new Segment(m.Value, m.Groups[1].Value.ToLowerInvariant());
            at = m.Index + m.Length;
        }

        if (at < text.Length)
        {
            yield return new Segment(text[at..], null);
        }
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[#＃]([\p{L}\p{N}_-]+)", RegexOptions.None, 1000)]
    private static partial Regex Tag();
}
