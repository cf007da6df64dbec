using System.Text.Json;
using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

/// <summary>Stores a list of field changes (history, audit trail) as one JSON text column.</summary>
internal static class FieldChangesJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<IReadOnlyList<FieldChange>> AsJson(this PropertyBuilder<IReadOnlyList<FieldChange>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<FieldChange>>(v, Json) ?? new List<FieldChange>(),
            new ValueComparer<IReadOnlyList<FieldChange>>(
                (a, c) => a!.SequenceEqual(c!),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x.GetHashCode())),
                v => v.ToList()));
}
