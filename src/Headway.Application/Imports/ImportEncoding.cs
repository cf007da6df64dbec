using System.Text;

namespace Headway.Application.Imports;

/// <summary>
/// The text encodings an import's CSV may be in, and how one is chosen when the user names none: a byte-order
/// mark decides; otherwise valid UTF-8 is UTF-8, UTF-16 without a mark shows in its zero bytes, and the two
/// double-byte encodings are told apart by which lead bytes their characters use. The decoders are strict: a byte
/// that is not text in the chosen encoding is reported, never turned into a '?'.
/// </summary>
internal static class ImportEncoding
{
    static ImportEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding the user chose, by one of the names spreadsheets and systems use for it (null when unknown).</summary>
    public static (Encoding Encoding, string Name)? Named(string name) => name.Trim().ToUpperInvariant() switch
    {
        "UTF-8" or "UTF8" => (Strict(65001), "UTF-8"),
        "UTF-16" or "UTF16" or "UTF-16LE" or "UNICODE" => (Strict(1200), "UTF-16"),
        "UTF-16BE" => (Strict(1201), "UTF-16"),
        "GB18030" or "GBK" or "GB2312" => (Strict(54936), "GB18030"),
        "SHIFT_JIS" or "SHIFT-JIS" or "SJIS" or "CP932" => (Strict(932), "Shift_JIS"),
        _ => null,
    };

    private static Encoding Strict(int codePage) => codePage switch
    {
        65001 => new UTF8Encoding(false, throwOnInvalidBytes: true),
        1200 => new UnicodeEncoding(false, false, throwOnInvalidBytes: true),
        1201 => new UnicodeEncoding(true, false, throwOnInvalidBytes: true),
        _ => Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
    };

    /// <summary>Reads the file once to choose its encoding, then rewinds it.</summary>
    public static (Encoding Encoding, string Name) Detect(Stream stream)
    {
        var start = new byte[1 << 20];
        var n = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var head = start.AsSpan(0, n);
        try
        {
            if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            {
                return (Strict(65001), "UTF-8");
            }

            if (head.StartsWith(new byte[] { 0xFF, 0xFE }))
            {
                return (Strict(1200), "UTF-16");
            }

            if (head.StartsWith(new byte[] { 0xFE, 0xFF }))
            {
                return (Strict(1201), "UTF-16");
            }

            if (LooksLikeUtf16(head, out var bigEndian))
            {
                return bigEndian ? (Strict(1201), "UTF-16") : (Strict(1200), "UTF-16");
            }

            stream.Position = 0;
            if (IsUtf8(stream))
            {
                return (Strict(65001), "UTF-8");
            }

            return LooksLikeGb(head) ? (Strict(54936), "GB18030") : (Strict(932), "Shift_JIS");
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>Text in UTF-16 without a mark: most ASCII characters leave every other byte zero.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head, out bool bigEndian)
    {
        var sample = head[..(Math.Min(head.Length, 4096) & ~1)];
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = Math.Max(1, sample.Length / 2);
        bigEndian = evenZeros > oddZeros;
        return Math.Max(evenZeros, oddZeros) * 3 > pairs;
    }

    private static bool IsUtf8(Stream stream)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[1 << 16];
        try
        {
            int read;
            while ((read = stream.Read(bytes)) > 0)
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// GB18030 (GB2312 part) puts common Chinese characters on lead and trail bytes 0xA1–0xFE; Shift_JIS
    /// puts kana and most kanji on lead bytes 0x81–0x9F and single-byte half-width katakana on 0xA1–0xDF.
    /// </summary>
    private static bool LooksLikeGb(ReadOnlySpan<byte> head)
    {
        int gbPairs = 0, otherPairs = 0;
        for (var i = 0; i < head.Length - 1; i++)
        {
            var b = head[i];
            if (b < 0x80)
            {
                continue;
            }

            var t = head[i + 1];
            if (b is >= 0xA1 and <= 0xF7 && t is >= 0xA1 and <= 0xFE)
            {
                gbPairs++;
            }
            else
            {
                otherPairs++;
            }

            i++;
        }

        return gbPairs > otherPairs * 4;
    }
}
