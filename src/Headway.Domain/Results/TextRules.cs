using System.Globalization;

namespace Headway.Domain.Results;

/// <summary>
/// What every text field may hold. Control characters (NUL among them, which PostgreSQL cannot store at all),
/// the bidirectional embedding, override and isolate controls (which make a note display differently from
/// what it says, the "Trojan Source" trick) and unpaired surrogates (not text in any encoding) are refused
/// with a message that names the field, the character and where it is. Tab, line feed and carriage return
/// are text; so are the left-to-right and right-to-left marks that bidirectional writing needs.
/// </summary>
public static class TextRules
{
    /// <summary>The index of the first character a text field may not hold, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ')
            {
                if (c is not ('\t' or '\n' or '\r'))
                {
                    return i;
                }
            }
            else if (c < '\u007f')
            {
                continue;
            }
            else if (c <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069')
            {
                return i;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return i;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Null when <paramref name="text"/> holds only what a text field may; otherwise the refusal.</summary>
    /// <param name="field">The field's name as the caller knows it (a form or JSON property name, a file column).</param>
    /// <param name="text">The text; null is fine.</param>
    public static Refusal? Check(string field, string? text)
    {
        var at = text is null ? -1 : IndexOfForbidden(text);
        return at < 0 ? null : Forbidden(field, text![at], at);
    }

    /// <summary>The refusal for a forbidden character at a position (counted from 1 in the message).</summary>
    public static Refusal Forbidden(string field, char c, int index) =>
        Refusal.ForField(field, RefusalCodes.ForbiddenCharacter, field,
            "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture), (index + 1).ToString(CultureInfo.InvariantCulture));

    /// <summary>The first refusal among several fields, in order.</summary>
    public static Refusal? Check(params (string Field, string? Text)[] fields)
    {
        foreach (var (field, text) in fields)
        {
            if (Check(field, text) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}
