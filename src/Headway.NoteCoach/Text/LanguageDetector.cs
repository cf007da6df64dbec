using Headway.NoteCoach.Languages;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Text;

/// <summary>
/// Picks en, zh, de or ja from the script (Han, Kana, Latin) and, for Latin text, from
/// German cues (umlauts, ß, function words listed in the data files). Mixed text is normal:
/// a few CJK characters among English product names decide for CJK.
/// </summary>
internal static class LanguageDetector
{
    public static string Detect(ReadOnlySpan<char> text, IReadOnlyDictionary<string, LanguageProfile> profiles)
    {
        int han = 0, kana = 0, latin = 0, germanLetters = 0, jaChars = 0, zhChars = 0;
        var ja = profiles["ja"].DetectionChars.AsSpan();
        var zh = profiles["zh"].DetectionChars.AsSpan();
        foreach (var c in text)
        {
            if (TextNormalizer.IsKana(c))
            {
                kana++;
            }
            else if (TextNormalizer.IsCjk(c))
            {
                han++;
                if (ja.Contains(c))
                {
                    jaChars++;
                }

                if (zh.Contains(c))
                {
                    zhChars++;
                }
            }
            else if (c < '\u0250' && char.IsLetter(c))
            {
                latin++;
                if (c is 'ä' or 'ö' or 'ü' or 'ß' or 'Ä' or 'Ö' or 'Ü')
                {
                    germanLetters++;
                }
            }
        }

        var cjk = han + kana;
        if (cjk >= 2 && cjk * 6 >= latin || (cjk > 0 && latin == 0))
        {
            if (kana >= 2 || (kana >= 1 && cjk < 8) || jaChars > zhChars)
            {
                return "ja";
            }

            return "zh";
        }

        if (latin == 0)
        {
            return "en";
        }

        var enWords = profiles["en"].FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var deWords = profiles["de"].FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> word = stackalloc char[24];
        int en = 0, de = germanLetters * 2;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            var length = i - start;
            if (length > word.Length)
            {
                continue;
            }

            for (var k = 0; k < length; k++)
            {
                word[k] = char.ToLowerInvariant(text[start + k]);
            }

            var w = word[..length];
            if (enWords.Contains(w))
            {
                en++;
            }

            if (deWords.Contains(w))
            {
                de++;
            }
        }

        return de > en ? "de" : "en";
    }
}
