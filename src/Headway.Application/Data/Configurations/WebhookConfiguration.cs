using Headway.Application.Users;
using Headway.Application.Webhooks;
using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> b)
    {
        b.Property(w => w.OwnerId).HasMaxLength(450);
        b.Property(w => w.Url).HasMaxLength(WebhookSubscriptions.MaxUrl);
        b.Property(w => w.Types).AsJson().HasMaxLength(2000);
        b.Property(w => w.ProtectedSecret).HasMaxLength(1000);
        b.Property(w => w.CreatedBy).HasMaxLength(FieldLimits.Name);
        b.Property(w => w.Cursor).HasMaxLength(100);
        b.HasOne<HeadwayUser>().WithMany().HasForeignKey(w => w.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.EventId).HasMaxLength(40);
        b.Property(d => d.EventType).HasMaxLength(60);
        b.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.LastResponse).HasMaxLength(WebhookSubscriptions.MaxResponse);
        b.Property(d => d.LeasedBy).HasMaxLength(40);
        b.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Restrict);
        // One row per event and subscription, whoever queues it.
        b.HasIndex(d => new { d.WebhookId, d.EventId }).IsUnique();
        b.HasIndex(d => new { d.State, d.NextAttemptAt });
        b.HasIndex(d => new { d.WebhookId, d.CreatedAt });
    }
}
