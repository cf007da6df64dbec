using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Headway.Application.Data;

/// <summary>
/// The unit of work of every use case. Handlers use it directly (no repository layer; see
/// docs/decisions/ADR-001). The caller's scope is applied here, once, as global query filters.
/// </summary>
public sealed class HeadwayDbContext(DbContextOptions<HeadwayDbContext> options, Caller caller) : DbContext(options)
{
    // Read by the query filters; EF Core turns these into parameters per query.
    private long? ScopePartnerId => caller.PartnerId;
    private bool ScopeIsProgrammeWide => caller.IsProgrammeWide;

    public Caller Caller => caller;

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Entitlement> Entitlements => Set<Entitlement>();
    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();
    public DbSet<OverallNote> OverallNotes => Set<OverallNote>();
    public DbSet<L3Value> L3Values => Set<L3Value>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no date-time-offset type; stored as UTC ticks so it sorts and compares in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HeadwayDbContext).Assembly);

        modelBuilder.Entity<Tenant>().HasQueryFilter(t => ScopeIsProgrammeWide || t.PartnerId == ScopePartnerId);
        modelBuilder.Entity<Entitlement>().HasQueryFilter(e => ScopeIsProgrammeWide || e.PartnerId == ScopePartnerId);
        modelBuilder.Entity<StatusChange>().HasQueryFilter(c => ScopeIsProgrammeWide || c.PartnerId == ScopePartnerId);
        modelBuilder.Entity<OverallNote>().HasQueryFilter(n => ScopeIsProgrammeWide || n.PartnerId == ScopePartnerId);
    }
}
