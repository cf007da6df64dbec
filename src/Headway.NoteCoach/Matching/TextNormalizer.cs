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

        if (c is >= '\u3040' and <= '\u9FFF')
        {
            // Kana and CJK ideographs have no case: most characters of a Chinese or Japanese note.
            return c;
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

    /// <summary>The full-width forms of U+FF61–U+FF9D, in order (their Unicode compatibility mappings).</summary>
    private const string HalfWidthKana = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

    /// <summary>Katakana and, after each, its form with the voiced mark (゛) and, for ハ行, the semi-voiced mark (゜).</summary>
    private const string WithVoicedMark = "カガキギクグケゲコゴサザシジスズセゼソゾタダチヂツヅテデトドハバヒビフブヘベホボウヴワヷヲヺ";

    private const string WithSemiVoicedMark = "ハパヒピフプヘペホポ";

    private static char Voiced(char kana, char mark)
    {
        var pairs = mark == '\uFF9E' ? WithVoicedMark : WithSemiVoicedMark;
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (pairs[i] == kana)
            {
                return pairs[i + 1];
            }
        }

        return '\0';
    }

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
