using System.Collections.Frozen;

namespace Headway.Domain.Taxonomy;

/// <summary>
/// The status-note templates of the guidance per L1, in the four UI languages (data file
/// <c>templates.json</c>). Placeholders are written in square brackets.
/// </summary>
public static class NoteTemplates
{
    private static readonly FrozenDictionary<string, IReadOnlyList<LocalizedText>> ByL1 = Load();

    /// <summary>The templates offered for an L1; empty for an unknown code.</summary>
    public static IReadOnlyList<LocalizedText> For(string? l1) =>
        l1 is not null && ByL1.TryGetValue(l1, out var list) ? list : [];

    private static FrozenDictionary<string, IReadOnlyList<LocalizedText>> Load()
    {
        using var doc = EmbeddedData.Read("templates.json");
        return doc.RootElement.GetProperty("templates").EnumerateObject().ToFrozenDictionary(
            p => p.Name,
            p => (IReadOnlyList<LocalizedText>)p.Value.EnumerateArray().Select(EmbeddedData.Text).ToArray(),
            StringComparer.Ordinal);
    }
}
