using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class L3ValueConfiguration : IEntityTypeConfiguration<L3Value>
{
    public void Configure(EntityTypeBuilder<L3Value> b)
    {
        b.Property(v => v.L2).HasMaxLength(60);
        b.Property(v => v.Code).HasMaxLength(200);
        b.Property(v => v.Name).HasMaxLength(200);
        b.HasIndex(v => new { v.L2, v.Code }).IsUnique();
    }
}
