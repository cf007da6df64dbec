using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Headway.NoteCoach.Languages;

/// <summary>
/// One <c>settings.json</c> file as written (see <c>Languages/README.md</c> for what each key
/// means). A key left out leaves the value it had: the defaults in <see cref="LanguageProfile"/>
/// first, then <c>common/settings.json</c>, then the language's own file. A key this record does
/// not name is refused, so a misspelt threshold stops the coach from loading instead of being
/// silently ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record LanguageSettings
{
    public bool? WordBased { get; init; }

    public int? MaxSentences { get; init; }

    public int? ToleratedSentences { get; init; }

    public int? MaxTextElements { get; init; }

    public int? MaxTextElementsForTolerated { get; init; }

    public int? ChatterSentences { get; init; }

    public double? CharsPerWord { get; init; }

    public double? SpecificContentWords { get; init; }

    public double? SpecificDetail { get; init; }

    public double? ProgressDetailWords { get; init; }

    public double? SubstantiveContentWords { get; init; }

    public bool? ConditionFirst { get; init; }

    public double? MismatchMargin { get; init; }

    public double? MinSuggestionScore { get; init; }

    /// <summary>Added to the abbreviations already known (common ones first).</summary>
    public IReadOnlyList<string>? Abbreviations { get; init; }

    /// <summary>Added to the function words already known.</summary>
    public IReadOnlyList<string>? FunctionWords { get; init; }

    /// <summary>Added to the word endings already known.</summary>
    public IReadOnlyList<string>? WordEndings { get; init; }

    /// <summary>Words that join the items of a list written without separators ("とか", "や"); none: no such lists.</summary>
    public IReadOnlyList<string>? ListJoiners { get; init; }

    /// <summary>What may end an item before its joiner ("のこと" in "法律のことや…").</summary>
    public IReadOnlyList<string>? ListItemTails { get; init; }

    /// <summary>Words after the last item that say "and so on" ("など", "等").</summary>
    public IReadOnlyList<string>? ListClosers { get; init; }

    /// <summary>Appended to the detection characters already known.</summary>
    public string? DetectionChars { get; init; }

    /// <summary>True for a language written with kana among its Han characters (Japanese).</summary>
    public bool? WritesKana { get; init; }

    /// <summary>The language detection falls back on when nothing points elsewhere (set once, in common).</summary>
    public string? FallbackLanguage { get; init; }

    /// <summary>
    /// How letters are written where they cannot be typed ("ä" as "ae"): every phrase with such a letter is also
    /// known in the other spelling, and so are the detection words.
    /// </summary>
    public Dictionary<string, string>? Transliterations { get; init; }

    /// <summary>Number words and their values, in file order; each becomes a vocabulary phrase.</summary>
    public Dictionary<string, int>? NumberWords { get; init; }

    /// <summary>
    /// Reads one settings file. Keys starting with <c>_</c> are notes for editors and skipped; a
    /// key given twice or set to <c>null</c> is refused like an unknown one.
    /// </summary>
    /// <exception cref="JsonException">A key is unknown, repeated or null, or a value has the wrong type.</exception>
    public static LanguageSettings Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A settings file must hold a JSON object.");
        }

        // Every data file lets editors leave "_comment" notes; the serializer refuses any key it
        // cannot map, so the notes are left out and everything else must be a setting.
        var settings = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(settings))
        {
            writer.WriteStartObject();
            foreach (var p in root.EnumerateObject())
            {
                if (p.Name.StartsWith('_'))
                {
                    continue;
                }

                if (p.Value.ValueKind == JsonValueKind.Null)
                {
                    throw new JsonException($"The setting '{p.Name}' is null; leave it out to keep the default.");
                }

                p.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return JsonSerializer.Deserialize(settings.WrittenSpan, LanguageSettingsJson.Default.LanguageSettings)
            ?? throw new JsonException("A settings file must hold a JSON object.");
    }
}

/// <summary>Serializer metadata for <see cref="LanguageSettings"/>, generated at build time so loading reflects over nothing.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(LanguageSettings))]
internal sealed partial class LanguageSettingsJson : JsonSerializerContext;
