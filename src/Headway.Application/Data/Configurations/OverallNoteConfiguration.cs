using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class OverallNoteConfiguration : IEntityTypeConfiguration<OverallNote>
{
    public void Configure(EntityTypeBuilder<OverallNote> b)
    {
        b.Property(n => n.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(n => n.Text).HasMaxLength(8000);
        b.Property(n => n.Author).HasMaxLength(200);
        b.Property(n => n.AuthorRole).HasMaxLength(40);
        b.Property(n => n.NextAction).HasMaxLength(1000);
        b.Property(n => n.NextActionOwner).HasMaxLength(200);
        b.Property(n => n.Hashtags).HasMaxLength(1000);
        b.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => new { n.TenantId, n.CreatedAt });
    }
}
