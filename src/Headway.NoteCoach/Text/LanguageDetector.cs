using Headway.NoteCoach.Languages;
using Headway.NoteCoach.Matching;

namespace Headway.NoteCoach.Text;

/// <summary>
/// Picks a note's language from the languages the data defines. The script decides first: Han and kana text goes
/// to the languages not written with spaces (kana to the one that writes kana, Han-only text by each language's
/// detection characters), Latin text to the word-based languages, told apart by their own words and letters
/// (ä, ß). Mixed text is normal: a few CJK characters among English product names decide for CJK. When nothing
/// points elsewhere, the fallback language of the common settings is chosen.
/// </summary>
internal sealed class LanguageDetector
{
    private readonly LanguageProfile[] _cjk;
    private readonly LanguageProfile[] _latin;
    private readonly LanguageProfile? _kana;
    private readonly string _fallback;
    private readonly int _latinFallback;

    // Each language's detection characters as a set: one lookup per character of the note.
    private readonly System.Buffers.SearchValues<char>[] _cjkChars;
    private readonly System.Buffers.SearchValues<char>[] _latinChars;
    private readonly System.Buffers.SearchValues<char> _anyLatinChar;

    public LanguageDetector(IReadOnlyDictionary<string, LanguageProfile> profiles)
    {
        var ordered = profiles.Values.OrderBy(p => p.Code, StringComparer.Ordinal).ToArray();
        _cjk = [.. ordered.Where(p => !p.WordBased)];
        _latin = [.. ordered.Where(p => p.WordBased)];
        _kana = Array.Find(_cjk, p => p.WritesKana);
        var fallback = ordered.Length == 0 ? "" : ordered[0].FallbackLanguage;
        _fallback = profiles.ContainsKey(fallback) ? fallback : (_latin.Length > 0 ? _latin[0] : ordered[0]).Code;
        _latinFallback = Math.Max(0, Array.FindIndex(_latin, p => p.Code == _fallback));
        _cjkChars = [.. _cjk.Select(p => System.Buffers.SearchValues.Create(p.DetectionChars))];
        _latinChars = [.. _latin.Select(p => System.Buffers.SearchValues.Create(p.DetectionChars))];
        _anyLatinChar = System.Buffers.SearchValues.Create(string.Concat(_latin.Select(p => p.DetectionChars)));
    }

    public string Detect(ReadOnlySpan<char> text)
    {
        int han = 0, kana = 0, latin = 0;
        Span<int> cjkHits = stackalloc int[_cjk.Length];
        Span<int> letterHits = stackalloc int[_latin.Length];
        foreach (var c in text)
        {
            if (TextNormalizer.IsKana(c))
            {
                kana++;
            }
            else if (TextNormalizer.IsCjk(c))
            {
                han++;
                for (var p = 0; p < _cjkChars.Length; p++)
                {
                    if (_cjkChars[p].Contains(c))
                    {
                        cjkHits[p]++;
                    }
                }
            }
            else if (c < '\u0250' && char.IsLetter(c))
            {
                latin++;
                if (_anyLatinChar.Contains(c))
                {
                    for (var p = 0; p < _latinChars.Length; p++)
                    {
                        if (_latinChars[p].Contains(c))
                        {
                            letterHits[p]++;
                        }
                    }
                }
            }
        }

        // Notes in Chinese or Japanese mix in English freely ("Security team 有 concern, Copilot 先不开", "AppCompat で
        // blocked"), while English and German notes carry no Han at all: two Han or kana characters among up to twelve
        // times as many Latin letters, or a single kana, decide for the script.
        var cjk = han + kana;
        if (_cjk.Length > 0 && ((cjk >= 2 && cjk * 12 >= latin) || (cjk > 0 && (latin == 0 || kana > 0))))
        {
            if (_kana is not null && (kana >= 2 || (kana >= 1 && cjk < 8)))
            {
                return _kana.Code;
            }

            // Han only: the language with the most of its own characters; a tie goes to one without kana.
            var best = -1;
            for (var p = 0; p < _cjk.Length; p++)
            {
                if (best < 0 || cjkHits[p] > cjkHits[best] || (cjkHits[p] == cjkHits[best] && _cjk[best].WritesKana && !_cjk[p].WritesKana))
                {
                    best = p;
                }
            }

            return _cjk[best].Code;
        }

        if (latin == 0 || _latin.Length < 2)
        {
            return _latin.Length == 1 && latin > 0 ? _latin[0].Code : _fallback;
        }

        return DetectLatin(text, letterHits);
    }

    /// <summary>
    /// Scores each word-based language: a function word 2, a word of its own vocabulary or with one of its endings 1, each
    /// of its letters (ä, ß) 4; the fallback wins ties.
    /// </summary>
    private string DetectLatin(ReadOnlySpan<char> text, Span<int> letterHits)
    {
        Span<int> score = stackalloc int[_latin.Length];
        for (var p = 0; p < _latin.Length; p++)
        {
            score[p] = letterHits[p] * 4;
        }

        Span<char> word = stackalloc char[40];
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
            if (length > word.Length || IsAcronym(text.Slice(start, length)))
            {
                continue;
            }

            for (var k = 0; k < length; k++)
            {
                word[k] = char.ToLowerInvariant(text[start + k]);
            }

            for (var p = 0; p < _latin.Length; p++)
            {
                // A function word counts twice: a word of the vocabulary may be a loanword in another language's note.
                if (_latin[p].FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..length]))
                {
                    score[p] += 2;
                }
                else if (_latin[p].VocabularyWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..length]) || HasEnding(_latin[p].WordEndings, word[..length]))
                {
                    score[p]++;
                }
            }
        }

        var best = _latinFallback;
        for (var p = 0; p < _latin.Length; p++)
        {
            if (score[p] > score[best])
            {
                best = p;
            }
        }

        return _latin[best].Code;
    }

    /// <summary>The word ends with one of the endings and has at least three letters before it.</summary>
    private static bool HasEnding(string[] endings, ReadOnlySpan<char> word)
    {
        foreach (var ending in endings)
        {
            if (word.Length >= ending.Length + 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"IT", "GF", "CIO": capitals only, which say nothing of the language around them.</summary>
    private static bool IsAcronym(ReadOnlySpan<char> word)
    {
        if (word.Length > 5)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
