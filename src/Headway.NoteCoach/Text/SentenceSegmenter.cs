using System.Globalization;
using Headway.NoteCoach.Languages;

namespace Headway.NoteCoach.Text;

/// <summary>
/// Splits a note into sentences in all four languages: full-width 。！？． and half-width . ! ?,
/// line breaks; a dot does not end a sentence inside a number (0.0%, 16.0.1), a URL or domain,
/// or a listed abbreviation (e.g., z. B., usw.).
/// </summary>
internal static class SentenceSegmenter
{
    /// <summary>Counts sentences that contain at least one letter or digit.</summary>
    public static int Count(ReadOnlySpan<char> text, LanguageProfile profile)
    {
        var count = 0;
        var hasContent = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (hasContent is false && char.IsLetterOrDigit(c))
            {
                hasContent = true;
            }

            if (c is 'h' or 'H' or 'w' or 'W' && IsUrlStart(text, i))
            {
                hasContent = true;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                continue;
            }

            var ends = false;
            switch (c)
            {
                case '。' or '！' or '？' or '!' or '?' or '．' or '\n' or '\u2029':
                    ends = true;
                    break;
                case '.':
                    ends = DotEndsSentence(text, i, profile);
                    break;
            }

            if (ends)
            {
                if (hasContent)
                {
                    count++;
                }

                hasContent = false;
                i++;
                // Runs of terminators ("?!", "...") and closing quotes belong to the sentence just ended.
                while (i < text.Length && text[i] is '.' or '!' or '?' or '。' or '！' or '？' or '"' or '\'' or ')' or '」' or '』' or '）' or '”' or '’')
                {
                    i++;
                }

                continue;
            }

            i++;
        }

        return hasContent ? count + 1 : count;
    }

    /// <summary>Counts user-perceived characters (text elements), not UTF-16 units.</summary>
    public static int TextElements(ReadOnlySpan<char> text)
    {
        var n = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];

            // Fast path: characters that never combine with their neighbours are one element each.
            if (IsStandalone(c) && (i + 1 >= text.Length || IsStandalone(text[i + 1])))
            {
                n++;
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                continue;
            }

            var len = StringInfo.GetNextTextElementLength(text[i..]);
            i += Math.Max(1, len);
            n++;
        }

        return n;
    }

    private static bool IsStandalone(char c) =>
        c < '\u0300' || c is (>= '\u3000' and <= '\u3098') or (>= '\u309B' and <= '\u30FF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uFF01' and <= '\uFF9D');

    private static bool IsUrlStart(ReadOnlySpan<char> text, int i)
    {
        if (i > 0 && !char.IsWhiteSpace(text[i - 1]) && text[i - 1] is not ('(' or '<' or '"' or '\''))
        {
            return false;
        }

        var rest = text[i..];
        return rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
    }

    private static bool DotEndsSentence(ReadOnlySpan<char> text, int i, LanguageProfile profile)
    {
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        var prev = i > 0 ? text[i - 1] : '\0';

        // 16.0.1, 0.0%, contoso.com, O365.Exchange: a dot glued to the next character is not a full stop.
        if (next != '\0' && (char.IsLetterOrDigit(next) || next is '_' or '/' or '%'))
        {
            return false;
        }

        if (char.IsDigit(prev) && char.IsDigit(next))
        {
            return false;
        }

        // In Latin script a sentence starts with a capital or a digit: "ca. 30 Min. die", "2. und 20. Mai".
        var k = i + 1;
        while (k < text.Length && text[k] == ' ')
        {
            k++;
        }

        if (k > i + 1 && k < text.Length && char.IsLower(text[k]) && text[k] < '\u0250')
        {
            return false;
        }

        // Every dot of an abbreviation is a candidate ("z. B." has two), looked up by the letter before it.
        if (!profile.AbbreviationDots.TryGetValue(char.ToLowerInvariant(prev), out var candidates))
        {
            return true;
        }

        foreach (var (abbreviation, p) in candidates)
        {
            var start = i - p;
            if (start < 0 || start + abbreviation.Length > text.Length)
            {
                continue;
            }

            if (start > 0 && char.IsLetter(text[start - 1]))
            {
                continue;
            }

            if (text.Slice(start, abbreviation.Length).Equals(abbreviation, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
