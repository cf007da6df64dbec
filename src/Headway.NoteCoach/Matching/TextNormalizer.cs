namespace Headway.NoteCoach.Matching;

/// <summary>
/// Normalization shared by the matcher and the pattern builder: lower case, full-width ASCII and half-width
/// katakana folded, hyphens and whitespace collapsed to one space, typographic apostrophes folded.
/// Positions in the normalized text map back to UTF-16 offsets of the input.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Normalizes one character; returns '\0' when the character is dropped.</summary>
    public static char Fold(char c)
    {
        if (c < 128)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return (char)(c + 32);
            }

            return c is '-' or '_' or '\t' or '\n' or '\r' or '\f' or '\v' ? ' ' : c;
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            // Full-width ASCII (Ａ, １, ％) reads like its half-width form.
            c = (char)(c - 0xFEE0);
            return Fold(c);
        }

        if (c is >= '\uFF61' and <= '\uFF9D')
        {
            // Half-width katakana ("ﾃﾞｰﾀ", "ﾗｲｾﾝｽ") reads like the full-width form the vocabulary is written in.
            return HalfWidthKana[c - '\uFF61'];
        }

        return c switch
        {
            '\u00A0' or '\u2000' or '\u2001' or '\u2002' or '\u2003' or '\u2009' or '\u200A' or '\u202F' or '\u3000' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2028' or '\u2029' => ' ',
            '\u2019' or '\u2018' or '\u00B4' => '\'',
            '\u200B' or '\u200C' or '\u200D' or '\uFEFF' => '\0',
            _ => char.ToLowerInvariant(c),
        };
    }

    /// <summary>Normalizes <paramref name="text"/> into <paramref name="buffer"/>, recording source offsets.</summary>
    /// <returns>The normalized length.</returns>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> buffer, Span<int> map)
    {
        var n = 0;
        var lastSpace = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Fold(text[i]);
            if (c == '\0')
            {
                continue;
            }

            if (c is '\uFF9E' or '\uFF9F' && n > 0 && Voiced(buffer[n - 1], c) is var voiced && voiced != '\0')
            {
                // A half-width sound mark joins the kana before it: "ﾃﾞ" is "デ".
                buffer[n - 1] = voiced;
                continue;
            }

            if (c == ' ' || (c < ' '))
            {
                if (lastSpace)
                {
                    continue;
                }

                c = ' ';
                lastSpace = true;
            }
            else
            {
                lastSpace = false;
            }

            buffer[n] = c;
            map[n] = i;
            n++;
        }

        return n;
    }

    private static readonly char[] HalfWidthKana = [.. Enumerable.Range('\uFF61', '\uFF9D' - '\uFF61' + 1)
        .Select(c => ((char)c).ToString().Normalize(System.Text.NormalizationForm.FormKC)[0])];

    /// <summary>Katakana with the voiced (゛) and semi-voiced (゜) mark, by base letter; '\0' where there is none.</summary>
    private static readonly char[][] Marked = [.. new[] { '\u3099', '\u309A' }.Select(mark => Enumerable.Range('\u30A0', 0x60)
        .Select(c => string.Concat((char)c, mark).Normalize(System.Text.NormalizationForm.FormC) is { Length: 1 } one ? one[0] : '\0')
        .ToArray())];

    private static char Voiced(char kana, char mark) =>
        kana is >= '\u30A0' and < '\u3100' ? Marked[mark == '\uFF9E' ? 0 : 1][kana - '\u30A0'] : '\0';

    /// <summary>Normalizes a vocabulary phrase the same way the text is normalized.</summary>
    public static string NormalizePhrase(string phrase)
    {
        var buffer = new char[phrase.Length];
        var map = new int[phrase.Length];
        var n = Normalize(phrase.AsSpan().Trim(), buffer, map);
        return new string(buffer, 0, n).Trim();
    }

    /// <summary>Latin (and other alphabetic, non-CJK) letters and digits form words.</summary>
    public static bool IsWordChar(char c) => c < '\u2E80' && char.IsLetterOrDigit(c);

    public static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\u31F0' and <= '\u31FF') or (>= '\uFF66' and <= '\uFF9F');

    public static bool IsKana(char c) => c is (>= '\u3040' and <= '\u30FF') or (>= '\u31F0' and <= '\u31FF') or (>= '\uFF66' and <= '\uFF9F');
}
