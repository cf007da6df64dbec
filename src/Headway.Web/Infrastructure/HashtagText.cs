using Headway.Domain.Tenants;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Splits note text into plain runs and hashtags, so pages can link tags without building markup
/// from text. The tags are those <see cref="Hashtags"/> stores, so every link finds its notes.
/// </summary>
public static class HashtagText
{
    public sealed record Segment(string Text, string? Tag);

    public static IEnumerable<Segment> Split(string text)
    {
        var at = 0;
        // A note with more tags than are kept links only the kept ones: the others would find nothing.
        var kept = Hashtags.Parse(text)?.Split(' ').ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var found in Hashtags.Find(text).Where(f => kept.Contains(f.Tag)))
        {
            if (found.Start > at)
            {
                yield return new Segment(text[at..found.Start], null);
            }

            yield return new Segment(text.Substring(found.Start, found.Length), found.Tag);
            at = found.Start + found.Length;
        }

        if (at < text.Length)
        {
            yield return new Segment(text[at..], null);
        }
    }
}
