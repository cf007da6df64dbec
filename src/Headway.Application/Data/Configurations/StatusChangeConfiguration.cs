using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class StatusChangeConfiguration : IEntityTypeConfiguration<StatusChange>
{
    public void Configure(EntityTypeBuilder<StatusChange> b)
    {
        b.Property(c => c.Workload).HasMaxLength(20);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.ChangedBy).HasMaxLength(FieldLimits.Name);
        b.Property(c => c.L1).HasMaxLength(40);
        b.Property(c => c.L2).HasMaxLength(60);
        b.Property(c => c.L3).HasMaxLength(FieldLimits.Name);
        b.Property(c => c.Note).HasMaxLength(FieldLimits.Note);
        b.Property(c => c.Changes).AsJson();
        b.HasOne<Entitlement>().WithMany().HasForeignKey(c => c.EntitlementId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.NoteGrade).HasMaxLength(20);
        b.HasIndex(c => new { c.TenantId, c.ChangedAt });
        b.HasIndex(c => new { c.EntitlementId, c.ChangedAt });
    }
}
