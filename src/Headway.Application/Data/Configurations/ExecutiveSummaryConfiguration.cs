using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class ExecutiveSummaryConfiguration : IEntityTypeConfiguration<ExecutiveSummary>
{
    public void Configure(EntityTypeBuilder<ExecutiveSummary> b)
    {
        b.Property(s => s.Region).HasMaxLength(40);
        b.Property(s => s.Author).HasMaxLength(200);
        b.Property(s => s.CustomerDescription).HasMaxLength(ExecutiveSummary.MaxDescription);
        b.Property(s => s.Relationship).HasMaxLength(ExecutiveSummary.MaxRelationship);
        b.Property(s => s.SupportRequests).HasMaxLength(ExecutiveSummary.MaxSupport);
        b.Property(s => s.Risks).HasMaxLength(ExecutiveSummary.MaxRisks);
        b.Property(s => s.EngagementStatus).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.DeploymentProgress).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Lines).AsJson();
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.TenantId, s.CreatedAt });
        b.HasIndex(s => new { s.Region, s.CreatedAt });
    }
}
