using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class WorkloadRecordConfiguration : IEntityTypeConfiguration<WorkloadRecord>
{
    public void Configure(EntityTypeBuilder<WorkloadRecord> b)
    {
        b.ToTable("Workloads");
        b.HasKey(w => w.Code);
        b.Property(w => w.Code).HasMaxLength(20);
        b.Property(w => w.Name).HasMaxLength(200);
    }
}
