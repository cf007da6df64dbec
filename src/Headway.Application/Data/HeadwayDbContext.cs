using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Headway.Application.Data;

/// <summary>
/// The unit of work of every use case. Handlers use it directly (no repository layer; see
/// docs/decisions/ADR-001). The caller's scope is applied here, once, as global query filters.
/// </summary>
public sealed class HeadwayDbContext(DbContextOptions<HeadwayDbContext> options, ICallerSource callers, TimeProvider clock)
    : IdentityUserContext<HeadwayUser>(options)
{
    // Read by the query filters; EF Core turns these into parameters per query.
    private long? ScopePartnerId => callers.Current.PartnerId;
    private bool ScopeIsProgrammeWide => callers.Current.IsProgrammeWide;

    // The regions and countries as one text each (",EMEA,Japan,"; empty when there are none), not as lists: as lists they
    // added two subqueries over an array to every scoped table of every query, which SQLite prepared and planned at a
    // cost on each run (as one parameter per element, they made the SQL differ by caller, generated anew on each run).
    // Codes hold no commas (a test checks the geography data).
    //
    // Null for callers who see the whole world: EF Core makes one SQL text for a null parameter and one for any other
    // value, and in the first it drops the geography test, so their queries name no region or country column and
    // SQLite can answer from an index that lacks them (a bare flag kept the columns in the SQL, and SQLite then chose
    // an index without the workload for "In Progress Teams entitlements", 6.5 ms became 57 ms).
    private string? ScopeRegions => callers.Current.IsGeographyLimited ? Joined(callers.Current.Regions) : null;
    private string? ScopeCountries => callers.Current.IsGeographyLimited ? Joined(callers.Current.Countries) : null;

    public Caller Caller => callers.Current;

    private static string Joined(IReadOnlyList<string> codes) => codes.Count == 0 ? "" : "," + string.Join(",", codes) + ",";

    /// <summary>
    /// The query filter that keeps overall notes in the caller's partner scope. Overall notes have two filters, so both
    /// are named: a query that must see deleted notes ignores <see cref="DeletedNotesFilter"/> alone and keeps the scope.
    /// </summary>
    public const string ScopeFilter = "Scope";

    /// <summary>
    /// The query filter that hides deleted overall notes: a delete is soft (the text stays in its revision and the audit
    /// trail), and a deleted note leaves the timeline, searches, tags, reports and exports everywhere at once.
    /// </summary>
    public const string DeletedNotesFilter = "DeletedNotes";

    /// <summary>Set by a bulk load (import, demo data) that holds the SQLite database: its own writes pass the import gate.</summary>
    internal bool HoldsBulkLoad { get; set; }

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Entitlement> Entitlements => Set<Entitlement>();
    public DbSet<StatusChange> StatusChanges => Set<StatusChange>();
    public DbSet<OverallNote> OverallNotes => Set<OverallNote>();
    public DbSet<ExecutiveSummary> ExecutiveSummaries => Set<ExecutiveSummary>();
    public DbSet<Reports.MonthEndCount> MonthEndCounts => Set<Reports.MonthEndCount>();
    public DbSet<L3Value> L3Values => Set<L3Value>();
    public DbSet<WorkloadRecord> Workloads => Set<WorkloadRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Imports.ImportBatch> ImportBatches => Set<Imports.ImportBatch>();
    public DbSet<Imports.ImportUndo> ImportUndos => Set<Imports.ImportUndo>();
    public DbSet<HealthProbe> HealthProbes => Set<HealthProbe>();
    public DbSet<OverallNoteRevision> OverallNoteRevisions => Set<OverallNoteRevision>();
    public DbSet<SummaryRequest> SummaryRequests => Set<SummaryRequest>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.DigestDelivery> DigestDeliveries => Set<Notifications.DigestDelivery>();
    public DbSet<Tenants.SavedView> SavedViews => Set<Tenants.SavedView>();
    public DbSet<SmeTeam> SmeTeams => Set<SmeTeam>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<Webhooks.Webhook> Webhooks => Set<Webhooks.Webhook>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Idempotency.IdempotencyRecord>();

    /// <summary>
    /// The idempotency key the request runs under, if any: the first save that changes something writes its record in the
    /// same transaction (see <see cref="Idempotency.IdempotencyRecord"/>).
    /// </summary>
    public Idempotency.IdempotencyClaim? Idempotency { get; set; }

    /// <summary>The key ring's table (see <see cref="KeyRingContext"/>, which reads and writes it).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves the changes and, in the same transaction, one audit entry per changed row with its
    /// fields before and after. A write that fails leaves no entry; an entry never exists without its write.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // SQLite has one writer at a time per file. Writers of this process queue here instead of in SQLite's busy
        // handler, which sleeps and retries: under many concurrent edits that wasted most of the time.
        using var turn = await SqliteWriters.TakeTurnAsync(this, cancellationToken);
        var claimed = Idempotency is { Pending: null } claim && ChangeTracker.HasChanges() ? claim : null;
        if (claimed is not null)
        {
            claimed.Pending = claimed.NewRecord();
            IdempotencyRecords.Add(claimed.Pending);
        }

        try
        {
            return await SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch when (claimed?.Pending is { } record)
        {
            // Not written: the next save tries again, and the request's end learns that it holds no record.
            Entry(record).State = EntityState.Detached;
            claimed.Pending = null;
            throw;
        }

    }

    private async Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var pending = AuditTrail.Collect(ChangeTracker, Caller, clock.GetUtcNow());
        if (pending.Count == 0 && !ChangeTracker.Entries<StatusChange>().Any(e => e.State == EntityState.Added))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // History rows and the trail's rows of tenants, notes and summaries are what the change feed reads: its readers
            // must not pass this transaction's ids before it ends.
            if (pending.Any(p => FeedOrder.Entities.Contains(p.Audit.Entity)) || ChangeTracker.Entries<StatusChange>().Any(e => e.State == EntityState.Added))
            {
                await FeedOrder.RegisterAsync(this, cancellationToken);
            }
            // Accept the first batch before the audit batch, or the second save would write it again.
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            AuditTrail.CompleteKeys(pending);
            AuditEntries.AddRange(pending.Select(p => p.Audit));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: it writes the audit trail with the change.");

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no date-time-offset type; stored as UTC ticks so it sorts and compares in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HeadwayDbContext).Assembly);

        // Partner scope first, then the caller's geography: a tenant's region or country, carried by the entitlements too;
        // rows of a tenant that carry neither follow their tenant. For callers without a geography the second test is not
        // in the SQL at all (see ScopeRegions).
        builder.Entity<Tenant>().HasQueryFilter(t => (ScopeIsProgrammeWide || t.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || ScopeRegions!.Contains("," + t.Region + ",") || ScopeCountries!.Contains("," + t.Country + ",")));
        builder.Entity<Entitlement>().HasQueryFilter(e => (ScopeIsProgrammeWide || e.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || ScopeRegions!.Contains("," + e.TenantRegion + ",") || ScopeCountries!.Contains("," + e.TenantCountry + ",")));
        builder.Entity<StatusChange>().HasQueryFilter(c => (ScopeIsProgrammeWide || c.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || Tenants.Any(t => t.Id == c.TenantId)));
        builder.Entity<OverallNote>()
            .HasQueryFilter(ScopeFilter, n => (ScopeIsProgrammeWide || n.PartnerId == ScopePartnerId)
                && (EF.Parameter(ScopeRegions) == null || Tenants.Any(t => t.Id == n.TenantId)))
            .HasQueryFilter(DeletedNotesFilter, n => n.DeletedAt == null);
        builder.Entity<ExecutiveSummary>().HasQueryFilter(s => (ScopeIsProgrammeWide || s.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || Tenants.Any(t => t.Id == s.TenantId)));
        builder.Entity<Reports.MonthEndCount>().HasQueryFilter(c => (ScopeIsProgrammeWide || c.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || ScopeRegions!.Contains("," + c.Region + ",") || ScopeCountries!.Contains("," + c.Country + ",")));
        builder.Entity<AuditEntry>().HasQueryFilter(a => (ScopeIsProgrammeWide || a.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || Tenants.Any(t => t.Id == a.TenantId)));
        builder.Entity<Imports.ImportBatch>().HasQueryFilter(i => ScopeIsProgrammeWide || i.PartnerId == ScopePartnerId);
        builder.Entity<Imports.ImportUndo>().HasQueryFilter(u => ScopeIsProgrammeWide || u.PartnerId == ScopePartnerId);
        builder.Entity<OverallNoteRevision>().HasQueryFilter(r => (ScopeIsProgrammeWide || r.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || Tenants.Any(t => t.Id == r.TenantId)));
        builder.Entity<SummaryRequest>().HasQueryFilter(r => (ScopeIsProgrammeWide || r.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || Tenants.Any(t => t.Id == r.TenantId)));
        builder.Entity<Notifications.Notification>().HasQueryFilter(n => (ScopeIsProgrammeWide || n.PartnerId == ScopePartnerId)
            && (EF.Parameter(ScopeRegions) == null || Tenants.Any(t => t.Id == n.TenantId)));
        // A shared view is offered within its scope only: the centre's to the centre, a partner's to that partner.
        builder.Entity<Tenants.SavedView>().HasQueryFilter(v => v.PartnerId == ScopePartnerId);
        builder.Entity<SmeTeam>().HasQueryFilter(t => ScopeIsProgrammeWide || t.PartnerId == ScopePartnerId);
        builder.Entity<Webhooks.Webhook>().HasQueryFilter(w => ScopeIsProgrammeWide || w.PartnerId == ScopePartnerId);
        builder.Entity<Webhooks.WebhookDelivery>().HasQueryFilter(d => ScopeIsProgrammeWide || d.PartnerId == ScopePartnerId);
    }
}
