using Headway.Application.Notifications;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class SummaryRequestConfiguration : IEntityTypeConfiguration<SummaryRequest>
{
    public void Configure(EntityTypeBuilder<SummaryRequest> b)
    {
        b.Property(r => r.Region).HasMaxLength(40);
        b.Property(r => r.RequestedBy).HasMaxLength(FieldLimits.Name);
        b.Property(r => r.RequestedOf).HasMaxLength(FieldLimits.Name);
        b.Property(r => r.Message).HasMaxLength(FieldLimits.Text);
        b.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.RequestedOf, r.FulfilledAt, r.DueDate });
        b.HasIndex(r => new { r.TenantId, r.FulfilledAt });
        b.HasIndex(r => new { r.Region, r.RequestedAt });
    }
}

internal sealed class OverallNoteRevisionConfiguration : IEntityTypeConfiguration<OverallNoteRevision>
{
    public void Configure(EntityTypeBuilder<OverallNoteRevision> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.ChangedBy).HasMaxLength(FieldLimits.Name);
        b.Property(r => r.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.Text).HasMaxLength(8000);
        b.Property(r => r.NextAction).HasMaxLength(1000);
        b.Property(r => r.NextActionOwner).HasMaxLength(FieldLimits.Name);
        b.HasOne<OverallNote>().WithMany().HasForeignKey(r => r.NoteId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.TenantId, r.ChangedAt });
        b.HasIndex(r => r.NoteId);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(n => n.Actor).HasMaxLength(FieldLimits.Name);
        b.Property(n => n.Detail).HasMaxLength(FieldLimits.Text);
        b.HasOne<HeadwayUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
    }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> b)
    {
        b.Property(d => d.Period).HasMaxLength(20);
        b.Property(d => d.ClaimedBy).HasMaxLength(100);
        b.Property(d => d.Error).HasMaxLength(1000);
        b.HasOne<HeadwayUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.UserId, d.Period }).IsUnique();
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.Property(v => v.Name).HasMaxLength(100);
        b.Property(v => v.Query).HasMaxLength(2000);
        b.HasOne<HeadwayUser>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(v => v.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.OwnerId, v.Name }).IsUnique();
        b.HasIndex(v => new { v.PartnerId, v.IsShared });
    }
}
