using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Data;

/// <summary>
/// The data-protection key ring (what signs sign-in cookies and antiforgery tokens) in the Headway database,
/// so that every web node of one database shares it. The framework writes it synchronously and outside any
/// request, so it has this small context of its own; the table itself belongs to <see cref="HeadwayDbContext"/>
/// and its migrations.
/// </summary>
public sealed class KeyRingContext(DbContextOptions<KeyRingContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
