using Headway.Application.Idempotency;
using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(r => r.Owner).HasMaxLength(FieldLimits.Name);
        b.Property(r => r.Key).HasMaxLength(IdempotencyClaim.MaxKey);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.Token).HasMaxLength(32);
        b.Property(r => r.ContentType).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(2000);
        b.Property(r => r.ETag).HasMaxLength(200);
        // Two requests with one key: the second one's save fails here, and its change with it.
        b.HasIndex(r => new { r.Owner, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
    }
}
