using Headway.Application.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(i => i.FileName).HasMaxLength(260);
        b.Property(i => i.ImportedBy).HasMaxLength(Domain.Entitlements.FieldLimits.Name);
        b.Property(i => i.RevertedBy).HasMaxLength(Domain.Entitlements.FieldLimits.Name);
        b.HasIndex(i => new { i.PartnerId, i.ImportedAt });
    }
}

internal sealed class ImportUndoConfiguration : IEntityTypeConfiguration<ImportUndo>
{
    public void Configure(EntityTypeBuilder<ImportUndo> b)
    {
        b.Property(u => u.Before).HasMaxLength(8000);
        b.HasIndex(u => new { u.ImportId, u.Kind });
    }
}
