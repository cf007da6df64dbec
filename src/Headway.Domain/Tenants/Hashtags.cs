using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Headway.Domain.Tenants;

/// <summary>
/// Parses hashtags (#covid, #迁移, #Sicherheit) from note text: the one reading shared by what
/// is stored and indexed for the reports and what the pages link, so a linked tag always finds
/// its notes.
/// </summary>
/// <remarks>
/// A tag is <c>#</c> or the full-width <c>＃</c> followed by letters, decimal digits, <c>_</c>
/// or <c>-</c>, and not preceded by a letter or decimal digit (so <c>C#</c> and <c>a#b</c> are
/// not tags). Other number characters (<c>²</c>, <c>①</c>, <c>〇</c>) end a tag.
/// </remarks>
public static class Hashtags
{
    /// <summary>The most characters of tags a note keeps: the length of the column that holds them.</summary>
    public const int MaxLength = 1000;

    /// <summary>
    /// The most bytes of tags, in UTF-8, a note keeps. The tags lead or follow other columns in B-tree indexes, and
    /// PostgreSQL refuses an index entry over about 2,700 bytes; 1,000 characters of Chinese or Japanese tags take
    /// 3,000.
    /// </summary>
    public const int MaxBytes = 2000;

    /// <summary>
    /// The distinct tags of a text, lower case without '#', space separated; null when none. A tag that would take
    /// the stored tags past <see cref="MaxLength"/> characters or <see cref="MaxBytes"/> bytes is not kept, and the
    /// tags after it still are: a note's hundredth tag is no longer searchable, but the note is saved.
    /// </summary>
    /// <param name="text">The note text, or null.</param>
    /// <returns>The tags in order of first appearance, or null.</returns>
    public static string? Parse(string? text)
    {
        var tags = new List<string>();
        var (length, bytes) = (0, 0);
        foreach (var found in Find(text))
        {
            if (tags.Contains(found.Tag))
            {
                continue;
            }

            var separator = tags.Count == 0 ? 0 : 1;
            var tagBytes = Encoding.UTF8.GetByteCount(found.Tag);
            if (length + separator + found.Tag.Length <= MaxLength && bytes + separator + tagBytes <= MaxBytes)
            {
                tags.Add(found.Tag);
                (length, bytes) = (length + separator + found.Tag.Length, bytes + separator + tagBytes);
            }
        }

        return tags.Count == 0 ? null : string.Join(' ', tags);
    }

    /// <summary>
    /// A tag as a person types it to look it up (" #COVID", "＃迁移") in the form <see cref="Parse"/> stores:
    /// trimmed, without leading <c>#</c> or <c>＃</c>, lower case.
    /// </summary>
    /// <param name="tag">The tag as typed, or null.</param>
    /// <returns>The lookup form, or null when <paramref name="tag"/> is null.</returns>
    [return: NotNullIfNotNull(nameof(tag))]
    public static string? Normalize(string? tag) => tag?.Trim().TrimStart('#', '＃').ToLowerInvariant();

    /// <summary>Whether a looked-up tag (in the form <see cref="Normalize"/> gives) is one a note can hold: at least one letter, digit, '_' or '-', and nothing else.</summary>
    /// <param name="normalized">The tag without '#', lower case.</param>
    /// <returns>True when some note text could carry it.</returns>
    public static bool IsTag(string normalized) =>
        normalized.Length > 0 && normalized.All(c => char.IsLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Every hashtag of a text where it stands, repeats included.</summary>
    /// <param name="text">The note text, or null.</param>
    /// <returns>The hashtags in text order.</returns>
    public static IEnumerable<Occurrence> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('#' or '＃') || (i > 0 && char.IsLetterOrDigit(text[i - 1])))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '-'))
            {
                end++;
            }

            if (end > i + 1)
            {
                yield return new Occurrence(i, end - i, text[(i + 1)..end].ToLowerInvariant());
            }

            i = end - 1;
        }
    }

    /// <summary>One hashtag in a text.</summary>
    /// <param name="Start">Index of the <c>#</c> in the text, in UTF-16 code units.</param>
    /// <param name="Length">Length of the <c>#</c> and the tag as written.</param>
    /// <param name="Tag">The tag in lower case, without <c>#</c>.</param>
    public readonly record struct Occurrence(int Start, int Length, string Tag);
}
