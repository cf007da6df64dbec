using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class EntitlementConfiguration : IEntityTypeConfiguration<Entitlement>
{
    public void Configure(EntityTypeBuilder<Entitlement> b)
    {
        b.Property(e => e.Workload).HasMaxLength(20);
        b.Property(e => e.L1).HasMaxLength(40);
        b.Property(e => e.L2).HasMaxLength(60);
        b.Property(e => e.L3).HasMaxLength(FieldLimits.Name);
        b.Property(e => e.Note).HasMaxLength(FieldLimits.Note);
        b.Property(e => e.NoteGrade).HasMaxLength(20);
        b.Property(e => e.NextAction).HasMaxLength(FieldLimits.Text);
        b.Property(e => e.NextActionOwner).HasMaxLength(FieldLimits.Name);
        b.Property(e => e.BusinessReason).HasMaxLength(FieldLimits.Text);
        b.Property(e => e.EngagementScenario).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.LastChangedBy).HasMaxLength(FieldLimits.Name);
        b.Property(e => e.StatusBeforeDuplicate).HasMaxLength(1000);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.TenantId, e.Workload }).IsUnique();
        b.HasIndex(e => new { e.PartnerId, e.L1, e.Workload });
        b.Property(e => e.TenantRegion).HasMaxLength(40);
        b.Property(e => e.TenantCountry).HasMaxLength(2);
        b.Property(e => e.TenantManager).HasMaxLength(FieldLimits.Name);
        b.Property(e => e.Hashtags).HasMaxLength(1000);
        // Few status notes carry hashtags: the hashtag report reads only those, from this small index.
        b.HasIndex(e => new { e.Hashtags, e.TenantRegion, e.Workload, e.LastChangedAt, e.L1, e.PartnerId }).HasFilter("\"Hashtags\" IS NOT NULL");
        // Covering indexes: the status matrix, blockers and no intent read no table rows; note quality groups from its own.
        b.HasIndex(e => new { e.L1, e.L2, e.Workload, e.TenantSeats, e.TenantId });
        b.HasIndex(e => new { e.PartnerId, e.TenantManager, e.NoteGrade, e.L1 });
        // Hygiene's "same note on several workloads" groups each tenant's notes in index order.
        b.HasIndex(e => new { e.TenantId, e.Note, e.L1, e.L2 });
        // Hygiene's one-pass counts read this index instead of the rows with their notes.
        b.HasIndex(e => new { e.L1, e.NoteGrade, e.TargetDate, e.ProjectedUnblockDate, e.LastChangedAt, e.PartnerId });
        // The work list: a manager's next actions by due date, and their entitlements by last change.
        b.HasIndex(e => new { e.TenantManager, e.NextActionDate });
        b.HasIndex(e => new { e.TenantManager, e.LastChangedAt });
        // The work list's counts come from this index alone: a manager's entitlements by status with the dates and grade
        // its groups test (the engagement start first, which the start-passed group seeks day by day). Without it each
        // count read every one of the manager's rows from the table (5 ms of CPU for 3,300 entitlements on SQLite; 0.5 ms
        // with it), three times per list.
        b.HasIndex(e => new
        {
            e.TenantManager,
            e.L1,
            e.EngagementStartDate,
            e.TargetDate,
            e.NoteGrade,
            e.ProjectedUnblockDate,
            e.LastChangedAt,
            e.NextActionDate,
            e.PartnerId,
            e.TenantId,
        }).HasDatabaseName("IX_Entitlements_WorkList");
    }
}
