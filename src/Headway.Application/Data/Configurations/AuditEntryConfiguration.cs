using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(FieldLimits.Name);
        b.Property(a => a.Ip).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(20);
        b.Property(a => a.Entity).HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.Changes).AsJson();
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.TenantId, a.At });
        b.HasIndex(a => new { a.Actor, a.At });
    }
}
