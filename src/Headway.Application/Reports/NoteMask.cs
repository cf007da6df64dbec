using System.Globalization;
using System.Text.RegularExpressions;
using Headway.Domain.Taxonomy;

namespace Headway.Application.Reports;

/// <summary>
/// Status notes as a reader who may not see tenants (a product analyst) reads them in report drill-downs: the
/// customer's name, its brand and its name without the legal form are replaced, and so are email addresses,
/// telephone numbers and people named with a title (Mr, Frau, 様, 先生 …). The rest of the note, what blocks
/// the customer and why, stays readable: that is what the analyst is there for.
/// </summary>
public static partial class NoteMask
{
    private static readonly Dictionary<string, (string Customer, string Contact)> Markers = new(StringComparer.Ordinal)
    {
        [SupportedLanguages.English] = ("[customer]", "[contact]"),
        ["zh-Hans"] = ("[客户]", "[联系人]"),
        ["de"] = ("[Kunde]", "[Kontakt]"),
        ["ja"] = ("[顧客]", "[連絡先]"),
    };

    /// <summary>Legal forms and words a company's name carries besides its own name.</summary>
    private static readonly string[] LegalForms =
    [
        "GmbH & Co. KG", "GmbH", "AG", "KG", "SE", "Ltd.", "Ltd", "Limited", "Inc.", "Inc", "LLC", "Corp.", "Corp", "Corporation",
        "Co.", "plc", "PLC", "S.A.", "SA", "B.V.", "BV", "N.V.", "Pty Ltd", "株式会社", "有限会社", "合同会社", "有限公司", "股份有限公司", "集团",
    ];

    /// <summary>The note with the customer's and contacts' names replaced, in the reader's language.</summary>
    public static string? Mask(string? note, string? tenantName, string? brandName, string? culture)
    {
        if (string.IsNullOrEmpty(note))
        {
            return note;
        }

        var (customer, contact) = Markers.TryGetValue(SupportedLanguages.Normalize(culture), out var m) ? m : Markers[SupportedLanguages.English];
        // Addresses first: an email's domain often carries the customer's name.
        var masked = Email().Replace(note, contact);
        masked = Phone().Replace(masked, contact);
        masked = Titled().Replace(masked, contact);
        masked = TitledCjk().Replace(masked, contact);
        foreach (var name in NamesOf(tenantName, brandName).OrderByDescending(n => n.Length))
        {
            masked = masked.Replace(name, customer, StringComparison.OrdinalIgnoreCase);
        }

        return masked;
    }

    /// <summary>The full name, the brand, and the name without its legal form (only when that is still distinctive).</summary>
    private static IEnumerable<string> NamesOf(string? tenantName, string? brandName)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { tenantName, brandName })
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var trimmed = name.Trim();
            names.Add(trimmed);
            var stem = trimmed;
            foreach (var form in LegalForms.OrderByDescending(f => f.Length))
            {
                if (stem.EndsWith(form, StringComparison.OrdinalIgnoreCase) && stem.Length > form.Length)
                {
                    stem = stem[..^form.Length].TrimEnd(' ', ',', '・');
                }

                if (stem.StartsWith(form, StringComparison.Ordinal) && stem.Length > form.Length && !form.Contains(' ', StringComparison.Ordinal))
                {
                    stem = stem[form.Length..].TrimStart();
                }
            }

            // A stem of one or two letters would mask ordinary words.
            if (new StringInfo(stem).LengthInTextElements >= (stem.Any(c => c > '\u2E80') ? 2 : 4))
            {
                names.Add(stem);
            }
        }

        return names;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    /// <summary>A telephone number: seven digits or more, with the usual separators and an optional country code.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\+?\d[\d ()./-]{6,}\d(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Phone();

    /// <summary>A person named with a title before the name (English and German).</summary>
    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Dr|Prof|Herr|Frau|Herrn)\.?\s+(?:\p{Lu}[\p{L}'-]+)(?:\s+\p{Lu}[\p{L}'-]+)?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Titled();

    /// <summary>A person named with a title after the name (Japanese and Chinese).</summary>
    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsKatakana}]{1,4}(?:さん|様|氏|先生|女士|小姐)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TitledCjk();
}
