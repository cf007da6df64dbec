namespace Headway.NoteCoach;

/// <summary>The coach's overall verdict on a status note.</summary>
public enum Grade
{
    /// <summary>States intent or status and the specific reason, concisely.</summary>
    Good,

    /// <summary>Says something useful but misses a detail the guidance asks for.</summary>
    Insufficient,

    /// <summary>Blank, or gives no usable reason.</summary>
    Poor,
}

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>A hint; does not lower the grade.</summary>
    Info,

    /// <summary>A style or completeness problem.</summary>
    Warning,

    /// <summary>A problem that makes the note poor.</summary>
    Error,
}

/// <summary>A status note to check, with its optional context.</summary>
/// <param name="Text">The note text.</param>
/// <param name="L1">The chosen L1 code (e.g. <c>Blocked</c>), or null.</param>
/// <param name="L2">The chosen L2 code (e.g. <c>LegalRegulatory</c>), or null.</param>
/// <param name="Language">null or <c>auto</c> to detect; otherwise <c>en</c>, <c>zh</c>, <c>de</c> or <c>ja</c>.</param>
/// <param name="Workload">The workload code the note belongs to (e.g. <c>EXO</c>), or null.</param>
public sealed record NoteInput(string Text, string? L1 = null, string? L2 = null, string? Language = null, string? Workload = null);

/// <summary>One problem found in a note.</summary>
/// <param name="Code">Stable rule code, e.g. <c>VagueTimeWord</c>.</param>
/// <param name="Severity">How serious the finding is.</param>
/// <param name="Start">Start of the span in UTF-16 code units of the input text.</param>
/// <param name="Length">Length of the span in UTF-16 code units.</param>
/// <param name="Args">Arguments for the localized message (words, codes, counts).</param>
/// <param name="Fix">A fix code the renderer localizes (see <see cref="Coach.RenderFix"/>), or null.</param>
public sealed record Finding(string Code, Severity Severity, int Start, int Length, IReadOnlyList<string> Args, string? Fix = null)
{
    private const int MaxQuote = 80;

    /// <summary>The note the finding was made on, so its words can be quoted; null for a finding made by hand.</summary>
    internal string? Source { get; init; }

    /// <summary>The words the finding refers to, as written (runs of white space as one space, long spans cut with "…"), or null.</summary>
    public string? Quote => Source is null || Length <= 0 || Start + Length > Source.Length ? null : Shorten(Source.Substring(Start, Length));

    /// <summary>The note with the finding's words taken out ("Customer can't deploy at this time." → "Customer can't deploy."), or null.</summary>
    public string? Rewrite
    {
        get
        {
            if (Source is null || Length <= 0 || Start + Length > Source.Length || Length == Source.AsSpan().Trim().Length)
            {
                return null;
            }

            // A space joins the two sides only between words of a spaced script ("deploy at this time because").
            var before = Start > 0 ? Source[Start - 1] : ' ';
            var after = Start + Length < Source.Length ? Source[Start + Length] : ' ';
            var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Source.Length + 1);
            try
            {
                var n = 0;
                Append(Source.AsSpan(0, Start));
                if (before < '\u2E80' && after < '\u2E80')
                {
                    Append(" ");
                }

                var join = n;
                Append(Source.AsSpan(Start + Length));
                CapitaliseSentenceStart(Source, Start, buffer.AsSpan(join, n - join));
                var result = buffer.AsSpan(0, n).Trim().TrimStart(",;:，；、").Trim();
                return result.Length == 0 ? null : Shorten(result.ToString(), 240);

                void Append(ReadOnlySpan<char> part)
                {
                    foreach (var c in part)
                    {
                        var last = n > 0 ? buffer[n - 1] : '\0';
                        if (char.IsWhiteSpace(c) && (n == 0 || char.IsWhiteSpace(last)))
                        {
                            continue;
                        }

                        // No space left before the punctuation that followed the words taken out.
                        if (c is ',' or '.' or ';' or ':' or '!' or '?' or '，' or '。' or '；' or '、' && last == ' ')
                        {
                            n--;
                        }

                        buffer[n++] = c;
                    }
                }
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Words taken out from the start of a sentence ("Currently no workaround.") leave the next word to start it:
    /// "No workaround.", not "no workaround.".
    /// </summary>
    private static void CapitaliseSentenceStart(string source, int start, Span<char> rest)
    {
        if (!char.IsUpper(source[start]))
        {
            return;
        }

        var before = source.AsSpan(0, start).TrimEnd();
        var newLine = source.AsSpan(before.Length, start - before.Length).ContainsAny('\n', '\r');
        if (before.Length > 0 && !newLine && before[^1] is not ('.' or '!' or '?' or ';' or '-' or '–' or ':'))
        {
            return;
        }

        // The first word that now starts the sentence; a figure ("3 of 10 sites") stays as it is.
        for (var i = 0; i < rest.Length; i++)
        {
            if (char.IsLetterOrDigit(rest[i]))
            {
                rest[i] = char.ToUpperInvariant(rest[i]);
                return;
            }
        }
    }

    private static string Shorten(string words, int max = MaxQuote)
    {
        var flat = IsFlat(words) ? words : string.Join(' ', words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : string.Concat(flat.AsSpan(0, max - 1).TrimEnd(), "…");
    }

    /// <summary>Single spaces between words only, nothing to trim: the words can be quoted as they are.</summary>
    private static bool IsFlat(string words)
    {
        if (words.Length == 0 || char.IsWhiteSpace(words[0]) || char.IsWhiteSpace(words[^1]))
        {
            return words.Length == 0;
        }

        for (var i = 1; i < words.Length; i++)
        {
            if (char.IsWhiteSpace(words[i]) && (words[i] != ' ' || words[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The status the note's content points to.</summary>
/// <param name="L1">Suggested L1 code.</param>
/// <param name="L2">Suggested L2 code, or null when the text does not point to one.</param>
/// <param name="Confidence">Confidence in [0, 1].</param>
public sealed record Suggestion(string L1, string? L2, double Confidence);

/// <summary>The outcome of checking one note.</summary>
/// <param name="Language">The language used: <c>en</c>, <c>zh</c>, <c>de</c> or <c>ja</c>.</param>
/// <param name="Grade">The grade.</param>
/// <param name="Findings">Findings, ordered by span start.</param>
/// <param name="Suggested">The suggested status, or null when the text points nowhere.</param>
public sealed record CoachResult(string Language, Grade Grade, IReadOnlyList<Finding> Findings, Suggestion? Suggested);
