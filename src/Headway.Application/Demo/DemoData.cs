using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Imports;
using Headway.Application.Search;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Demo;

/// <summary>
/// Generates a deterministic, realistic demo portfolio: tenants in many countries and industries, two
/// partners and the programme centre, statuses over every L1/L2, notes in en/zh/de/ja of good,
/// insufficient and poor quality, and a year of history. Rows are written with prepared bulk inserts
/// in batches, because the performance work needs 100,000 tenants in well under two minutes.
/// </summary>
public sealed class DemoData(HeadwayDbContext db, ImportActivity activity, TimeProvider clock)
{
    public const int DefaultSeed = 20261123;
    private const int BatchSize = 2000;

    // Country codes with the language their notes are written in; regions come from Geography.
    private static readonly (string Code, string Lang, int Weight)[] Countries =
    [
        ("US", "en", 14), ("CA", "en", 4), ("BR", "en", 3), ("MX", "en", 2),
        ("GB", "en", 6), ("IE", "en", 1), ("FR", "en", 3), ("NL", "en", 2), ("SE", "en", 1),
        ("ES", "en", 2), ("ZA", "en", 1), ("AE", "en", 1),
        ("DE", "de", 10), ("AT", "de", 3), ("CH", "de", 3),
        ("CN", "zh", 10), ("TW", "zh", 3), ("HK", "zh", 2),
        ("JP", "ja", 12),
        ("AU", "en", 4), ("IN", "en", 4), ("SG", "en", 2), ("KR", "en", 2),
    ];

    private static readonly string[] Industries =
    [
        "Manufacturing", "Financial services", "Retail", "Healthcare", "Education", "Government", "Energy",
        "Telecommunications", "Automotive", "Media", "Professional services", "Transportation", "Hospitality", "Pharmaceuticals",
    ];

    // Common workloads first: most tenants own the productivity suite, fewer the security add-ons.
    private static readonly (string Code, double Probability)[] WorkloadOdds =
    [
        ("EXO", 0.93), ("OLM", 0.55), ("SPO", 0.9), ("OD", 0.9), ("OPP", 0.88), ("TEAMS", 0.9), ("YAM", 0.45), ("WIN10", 0.5),
        ("INTUNE", 0.6), ("AADP", 0.6), ("AIP", 0.4), ("MCAS", 0.3), ("IDSEC", 0.3), ("PROJ", 0.25), ("WDATP", 0.35), ("SDS", 0.08),
    ];

    public static IReadOnlyList<string> PartnerNames { get; } = ["Bluefield Partners", "Kestrel Consulting"];

    public sealed record Options(int Tenants, int Seed = DefaultSeed, DateOnly? Today = null, IProgress<int>? Progress = null);

    public sealed record Summary(int Tenants, int Entitlements, int StatusChanges, int OverallNotes, int ExecutiveSummaries = 0);

    public async Task<Summary> GenerateAsync(Options options, CancellationToken ct = default)
    {
        var content = DemoContent.Load();
        var random = new Random(options.Seed);
        var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var now = new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var partners = await EnsurePartnersAsync(db, ct);
        var totalWeight = Countries.Sum(c => c.Weight);
        var statusWeight = DemoHistory.FinalStatuses.Sum(s => s.Weight);

        var ids = new Ids(
            await NextIdAsync(db.Tenants, ct), await NextIdAsync(db.Entitlements, ct),
            await NextIdAsync(db.StatusChanges, ct), await NextIdAsync(db.OverallNotes, ct), await NextIdAsync(db.ExecutiveSummaries, ct));
        var summary = new Summary(0, 0, 0, 0);
        // On SQLite the load holds the one write lock throughout; other writers are told so at once.
        if (!BulkLoad.TryBegin(db, activity, "demo", clock.GetUtcNow(), out var load, out var other))
        {
            throw new ImportRunningException(other);
        }

        using var held = load;
        await load.PauseSearchIndexAsync(ct);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }

        // All or nothing: a load stopped half way (killed, cancelled, out of space) leaves no half portfolio behind,
        // and the next start sees an empty database and loads it again.
        await using var tx = await connection.BeginTransactionAsync(ct);
        for (var start = 0; start < options.Tenants; start += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, options.Tenants - start);
            using (var tenants = new BulkInserter<Tenant>(db, tx))
            using (var entitlements = new BulkInserter<Entitlement>(db, tx))
            using (var changes = new BulkInserter<StatusChange>(db, tx))
            using (var notes = new BulkInserter<OverallNote>(db, tx))
            using (var summaries = new BulkInserter<ExecutiveSummary>(db, tx))
            {
                var writer = new BatchWriter(tenants, entitlements, changes, notes, summaries);
                for (var i = 0; i < count; i++)
                {
                    var country = Pick(random, Countries, c => c.Weight, totalWeight);
                    var stats = GenerateTenant(random, content, country, partners, ids, now, statusWeight, options.Tenants, writer);
                    summary = summary with
                    {
                        Tenants = summary.Tenants + 1,
                        Entitlements = summary.Entitlements + stats.Entitlements,
                        StatusChanges = summary.StatusChanges + stats.Changes,
                        OverallNotes = summary.OverallNotes + stats.Notes,
                        ExecutiveSummaries = summary.ExecutiveSummaries + stats.Summaries,
                    };
                }

                // In foreign-key order (PostgreSQL sends its buffered rows now; SQLite wrote them already).
                tenants.Flush();
                entitlements.Flush();
                changes.Flush();
                notes.Flush();
                summaries.Flush();
            }

            options.Progress?.Report(start + count);
        }

        await tx.CommitAsync(ct);

        await HeadwayDatabase.SyncKeySequencesAsync(db, ct);
        await SearchIndex.RebuildAsync(db, ct);
        await HeadwayDatabase.RefreshStatisticsAsync(db, ct);
        await Reports.MonthEndTrend.WarmAsync(db, today, ct);
        return summary;
    }

    internal sealed class Ids(long tenant, long entitlement, long change, long note, long summary)
    {
        public long Summary = summary;
        public long Tenant = tenant;
        public long Entitlement = entitlement;
        public long Change = change;
        public long Note = note;
    }

    private sealed record BatchWriter(BulkInserter<Tenant> Tenants, BulkInserter<Entitlement> Entitlements,
        BulkInserter<StatusChange> Changes, BulkInserter<OverallNote> Notes, BulkInserter<ExecutiveSummary> Summaries);

    private static (int Entitlements, int Changes, int Notes, int Summaries) GenerateTenant(
        Random random, DemoContent content, (string Code, string Lang, int Weight) country,
        IReadOnlyList<Partner> partners, Ids ids, DateTimeOffset now,
        int statusWeight, int totalTenants, BatchWriter writer)
    {
        var lang = country.Lang;
        var parts = content.Companies[lang];
        var partnerRoll = random.NextDouble();
        var partner = partnerRoll < 0.4 ? null : partnerRoll < 0.7 ? partners[0] : partners[1];
        // Log-uniform from about 50 to 180,000 seats: many small tenants, a few very large ones.
        var seats = (int)Math.Exp(random.NextDouble() * 8.2 + 3.9);
        var createdAt = now.AddDays(-random.Next(200, 420)).AddMinutes(random.Next(0, 600));
        var manager = ManagerFor(ids.Tenant, partner, totalTenants);
        var tenant = new Tenant
        {
            Id = ids.Tenant++,
            Name = CompanyName(random, parts, lang),
            BrandName = random.NextDouble() < 0.6 ? parts.BrandStems[random.Next(parts.BrandStems.Count)] : null,
            Country = country.Code,
            Region = Geography.Default.FindCountry(country.Code)!.Region,
            Industry = Industries[random.Next(Industries.Length)],
            Seats = seats,
            IsManaged = random.NextDouble() < 0.6,
            PartnerId = partner?.Id,
            ManagerName = manager,
            Priority = seats > 20_000 ? Priority.High : seats > 2_000 ? Priority.Medium : Priority.Low,
            IsEnterprise = seats > 10_000,
            CreatedAt = createdAt,
        };
        var workloads = WorkloadOdds.Where(w => random.NextDouble() < w.Probability).Select(w => w.Code).ToList();
        if (workloads.Count == 0)
        {
            workloads.Add("EXO");
        }

        // Every generated row goes through the same rules as a user's edit, at the time of that edit.
        var entitlements = new List<Entitlement>(workloads.Count);
        var history = new List<StatusChange>(workloads.Count * 4);
        foreach (var workload in workloads)
        {
            var (entitlement, created) = DemoHistory.Checked(EntitlementRules.Create(tenant, [], workload, Gateway, createdAt));
            entitlement.Id = ids.Entitlement++;
            created.EntitlementId = entitlement.Id;
            entitlements.Add(entitlement);
            DemoHistory.Append(history, created, ids);
        }

        var outlookWithoutMailbox = workloads.Contains("OLM") && workloads.Contains("OPP") && !workloads.Contains("EXO");
        foreach (var entitlement in entitlements)
        {
            DemoHistory.GenerateEdits(random, content, tenant, entitlement, entitlements, lang, manager, ids, now, statusWeight,
                outlookWithoutMailbox && entitlement.Workload == "OLM", history);
        }

        if (random.NextDouble() < 0.02)
        {
            var at = history.Max(h => h.ChangedAt).AddHours(2);
            var reason = DemoHistory.Note(random, content, "DuplicateInvalid", lang, 0, "");
            foreach (var change in DemoHistory.Checked(EntitlementRules.MarkTenantDuplicate(tenant, entitlements, reason, manager, at)))
            {
                DemoHistory.Append(history, change, ids);
            }
        }

        writer.Tenants.Add(tenant);
        foreach (var entitlement in entitlements)
        {
            writer.Entitlements.Add(entitlement);
        }

        foreach (var change in history)
        {
            writer.Changes.Add(change);
        }

        var noteCount = random.Next(0, 4);
        var samples = content.OverallNotes[lang];
        for (var n = 0; n < noteCount; n++)
        {
            var sample = samples[random.Next(samples.Count)];
            var at = createdAt.AddDays(random.Next(1, Math.Max(2, (int)(now - createdAt).TotalDays)));
            writer.Notes.Add(new OverallNote
            {
                Id = ids.Note++,
                TenantId = tenant.Id,
                PartnerId = tenant.PartnerId,
                Type = Enum.TryParse<OverallNoteType>(sample.Type, out var type) ? type : OverallNoteType.EngagementManagement,
                Text = sample.Text,
                Author = manager,
                AuthorRole = "Manager",
                CreatedAt = at,
                NextAction = sample.NextAction,
                NextActionDate = sample.NextAction is null ? null : DateOnly.FromDateTime(at.UtcDateTime).AddDays(random.Next(3, 30)),
                NextActionOwner = sample.NextAction is null ? null : manager,
                Hashtags = Hashtags.Parse(sample.Text),
            });
        }

        var summaries = GenerateSummary(content, tenant, entitlements, lang, manager, ids, now, writer) ? 1 : 0;
        return (workloads.Count, history.Count, noteCount, summaries);
    }

    /// <summary>Tenants a demo manager looks after, about; a real portfolio is hundreds of entitlements, not a whole region.</summary>
    public const int PortfolioSize = 60;

    /// <summary>
    /// The demo manager of the tenant's partner (or of the centre) looks after about <see cref="PortfolioSize"/> of its
    /// tenants, all of them in a small demo; the rest go to colleagues who exist only as names. Decided by the id,
    /// so the random sequence of everything else stays as it was.
    /// </summary>
    private static string ManagerFor(long tenantId, Partner? partner, int totalTenants)
    {
        var demoManager = DemoUsers.Email(Role.Manager, partner?.Name);
        var inScope = Math.Max(1, totalTenants / 3);
        var share = Math.Min(1.0, (double)PortfolioSize / inScope);
        var bucket = (int)((ulong)tenantId * 2654435761UL % 10_000);
        if (bucket < share * 10_000)
        {
            return demoManager;
        }

        var colleagues = Math.Max(1, inScope / PortfolioSize);
        return string.Create(CultureInfo.InvariantCulture, $"fm{tenantId % colleagues + 1:D3}@{demoManager.Split('@')[1]}");
    }

    /// <summary>
    /// About a quarter of the high and medium priority tenants get an executive summary, drawn from their own
    /// random sequence so that adding summaries leaves every other generated row as it was.
    /// </summary>
    private static bool GenerateSummary(DemoContent content, Tenant tenant, List<Entitlement> entitlements, string lang, string manager,
        Ids ids, DateTimeOffset now, BatchWriter writer)
    {
        var random = new Random(unchecked((int)tenant.Id * 7919));
        if (tenant.IsDuplicate || tenant.Priority == Priority.Low || random.NextDouble() >= 0.25)
        {
            return false;
        }

        var parts = content.Summaries[lang];
        var ui = lang == "zh" ? "zh-Hans" : lang;
        var taxonomy = StatusTaxonomy.Default;
        string T(List<string> list) => list[random.Next(list.Count)];
        var lines = entitlements.Where(e => e.L1 is TaxonomyCodes.InProgress or TaxonomyCodes.Blocked)
            .Select(e => new SummaryLine(e.Workload,
                ExecutiveSummary.FitLine(taxonomy.FindL1(e.L1)!.Name.Get(ui) + (e.L2 is null ? "" : " · " + taxonomy.FindL2(e.L2)!.Name.Get(ui)) + (e.Note is null ? "" : ": " + e.Note)),
                e.NextAction is null ? null : ExecutiveSummary.FitLine(e.NextAction)))
            .ToList();
        writer.Summaries.Add(new ExecutiveSummary
        {
            Id = ids.Summary++,
            TenantId = tenant.Id,
            PartnerId = tenant.PartnerId,
            Region = tenant.Region,
            Author = manager,
            CreatedAt = now.AddDays(-random.Next(1, 60)),
            CustomerDescription = T(parts.Descriptions).Replace("{seats}", tenant.Seats.ToString("N0", CultureInfo.GetCultureInfo(ui)), StringComparison.Ordinal),
            EngagementStatus = (EngagementStatus)random.Next(3),
            DeploymentProgress = lines.Count == 0 ? DeploymentProgress.NotDeployed : (DeploymentProgress)random.Next(1, 3),
            Relationship = T(parts.Relationships),
            Lines = lines,
            SupportRequests = random.NextDouble() < 0.5 ? T(parts.Support) : null,
            Risks = T(parts.Risks),
        });
        return true;
    }

    private const string Gateway = "gateway@headway.example";

    private static string CompanyName(Random random, DemoContent.CompanyParts parts, string lang)
    {
        var stem = parts.Stems[random.Next(parts.Stems.Count)];
        var suffix = parts.Suffixes[random.Next(parts.Suffixes.Count)];
        // A branch word keeps names of a large portfolio apart without making them look generated.
        var word = parts.Branches[random.Next(parts.Branches.Count)];
        var branch = random.Next(0, 5) == 0 || suffix.Contains(word, StringComparison.Ordinal) ? "" : (lang is "zh" or "ja" ? "" : " ") + word;
        if (suffix.EndsWith('~'))
        {
            return suffix.TrimEnd('~') + stem + branch;
        }

        suffix = suffix.TrimStart('~');
        return lang is "zh" or "ja" ? stem + branch + suffix : $"{stem}{branch} {suffix}";
    }

    internal static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, int> weight, int total)
    {
        var roll = random.Next(total);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    /// <summary>The demo partners, created when missing.</summary>
    public static async Task<IReadOnlyList<Partner>> EnsurePartnersAsync(HeadwayDbContext db, CancellationToken ct)
    {
        var existing = await db.Partners.ToListAsync(ct);
        foreach (var name in PartnerNames.Where(n => existing.All(p => p.Name != n)))
        {
            var partner = new Partner { Name = name };
            db.Partners.Add(partner);
            existing.Add(partner);
        }

        await db.SaveChangesAsync(ct);
        return PartnerNames.Select(n => existing.First(p => p.Name == n)).ToList();
    }

    private static async Task<long> NextIdAsync<T>(IQueryable<T> set, CancellationToken ct) where T : class =>
        (await set.IgnoreQueryFilters().Select(x => (long?)EF.Property<long>(x, "Id")).MaxAsync(ct) ?? 0) + 1;
}
