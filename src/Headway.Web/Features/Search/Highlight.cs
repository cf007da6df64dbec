namespace Headway.Web.Features.Search;

/// <summary>Splits a text into plain and matching pieces, so a page can mark the searched words without building markup from text.</summary>
public static class Highlight
{
    public static IEnumerable<(string Text, bool Match)> Split(string text, IReadOnlyList<string> terms)
    {
        var at = 0;
        while (at < text.Length)
        {
            var (start, length) = (-1, 0);
            foreach (var term in terms)
            {
                var i = text.IndexOf(term, at, StringComparison.OrdinalIgnoreCase);
                if (i >= 0 && (start < 0 || i < start || (i == start && term.Length > length)))
                {
                    (start, length) = (i, term.Length);
                }
            }

            if (start < 0)
            {
                yield return (text[at..], false);
                yield break;
            }

            if (start > at)
            {
                yield return (text[at..start], false);
            }

            yield return (text.Substring(start, length), true);
            at = start + length;
        }
    }
}
