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
        b.Property(e => e.Hashtags).HasMaxLength(Headway.Domain.Tenants.Hashtags.MaxLength);
        // Few status notes carry hashtags: the hashtag report reads only those, from this small index.
        b.HasIndex(e => new { e.Hashtags, e.TenantRegion, e.Workload, e.LastChangedAt, e.L1, e.PartnerId }).HasFilter("\"Hashtags\" IS NOT NULL");
        // The same rows by tenant, for the tenant list's tag filter checked tenant by tenant (see the overall notes' index).
        b.HasIndex(e => new { e.TenantId, e.Hashtags, e.PartnerId }).HasFilter("\"Hashtags\" IS NOT NULL");
        // Covering indexes: the status matrix, blockers and no intent read no table rows; note quality groups from its own.
        // The partner ends it because every query names it (the caller's scope): the tenant list's status and workload
        // filters then read no table rows either, for callers who see every region (a limited caller's region and country
        // are on the row). Without it, finding the first 1,000 In Progress Teams entitlements looked up each In Progress
        // row in the table (24 ms against 5 ms at 100,000 tenants).
        b.HasIndex(e => new { e.L1, e.L2, e.Workload, e.TenantSeats, e.TenantId, e.PartnerId });
        b.HasIndex(e => new { e.PartnerId, e.TenantManager, e.NoteGrade, e.L1 });
        // A tenant's entitlements as the tenant list reads them: its status mix (statuses with their last change), and
        // whether the tenant has a row a grade or hygiene filter asks for, checked tenant by tenant in the list's order.
        // Without it each check read the rows from the table: the first 551 tenants of EMEA with a Poor note took 16 ms of
        // SQLite's time, 5 ms with it.
        b.HasIndex(e => new { e.TenantId, e.L1, e.NoteGrade, e.LastChangedAt, e.TargetDate, e.ProjectedUnblockDate, e.PartnerId })
            .HasDatabaseName("IX_Entitlements_TenantStatus");
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
