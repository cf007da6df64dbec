using Headway.Application.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class MonthEndCountConfiguration : IEntityTypeConfiguration<MonthEndCount>
{
    public void Configure(EntityTypeBuilder<MonthEndCount> b)
    {
        b.Property(c => c.Fingerprint).HasMaxLength(100);
        b.Property(c => c.L1).HasMaxLength(40);
        b.Property(c => c.L2).HasMaxLength(60);
        b.Property(c => c.Workload).HasMaxLength(20);
        b.Property(c => c.Region).HasMaxLength(40);
        b.Property(c => c.Country).HasMaxLength(2);
        // Two nodes computing the same month cannot both store it: the second insert fails and is dropped.
        b.HasIndex(c => new { c.Fingerprint, c.L1, c.MonthEnd, c.L2, c.Workload, c.Region, c.Country, c.PartnerId, c.Priority }).IsUnique();
        // The trend's sums read this index alone.
        b.HasIndex(c => new { c.Fingerprint, c.L1, c.MonthEnd, c.L2, c.Workload, c.Region, c.Country, c.PartnerId, c.Priority, c.Count });
    }
}
