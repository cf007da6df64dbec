using Headway.Application.Users;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Headway.Application.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<HeadwayUser>
{
    public void Configure(EntityTypeBuilder<HeadwayUser> b)
    {
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(30);
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.DigestFrequency).HasConversion<string>().HasMaxLength(10);
        b.Property(u => u.Language).HasMaxLength(10);
        b.Ignore(u => u.IsInvited);
        b.HasOne<Partner>().WithMany().HasForeignKey(u => u.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasOne<HeadwayUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SmeTeamConfiguration : IEntityTypeConfiguration<SmeTeam>
{
    public void Configure(EntityTypeBuilder<SmeTeam> b)
    {
        b.Property(t => t.Name).HasMaxLength(ManageSmeTeams.MaxNameLength);
        b.HasIndex(t => new { t.PartnerId, t.Name }).IsUnique();
        b.HasOne<Partner>().WithMany().HasForeignKey(t => t.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
