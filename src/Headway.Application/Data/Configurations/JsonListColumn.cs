using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

/// <summary>
/// Stores a list that is only ever read and written with its row (field changes of the history and the
/// audit trail, the lines of an executive summary) as one JSON text column.
/// <para>
/// Written compactly: null members are left out (they read back as null), and text is kept as it is
/// rather than escaped, so a Chinese or Japanese note takes 3 bytes a character instead of 6. The column is
/// only ever read back by the serializer, never placed in a page as it is. Every history entry holds its
/// note twice, so this is about a fifth of the history table; rows written before read back the same.
/// </para>
/// </summary>
internal static class JsonListColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static PropertyBuilder<IReadOnlyList<T>> AsJson<T>(this PropertyBuilder<IReadOnlyList<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<T>>(v, Json) ?? new List<T>(),
            new ValueComparer<IReadOnlyList<T>>(
                (a, c) => a!.SequenceEqual(c!),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                v => v.ToList()));
}
