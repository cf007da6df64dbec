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
/// insufficient and poor quality, and a year of history that runs up to the day before "today": most
/// entitlements were changed in the last weeks, next actions of entitlements and overall notes fall due
/// around today (overdue, today, this week, later; most of the old ones were done), and each demo manager
/// has a few executive summaries to write for their regional manager. The same seed and day give the same
/// data. Rows are written with prepared bulk inserts in batches, because the performance work needs
/// 100,000 tenants in well under two minutes.
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

    public sealed record Summary(int Tenants, int Entitlements, int StatusChanges, int OverallNotes, int ExecutiveSummaries = 0, int SummaryRequests = 0);

    public async Task<Summary> GenerateAsync(Options options, CancellationToken ct = default)
    {
        var content = DemoContent.Load();
        var random = new Random(options.Seed);
        var today = options.Today ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The history ends where today begins, so nothing generated lies ahead of the clock, whatever the hour.
        var now = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var partners = await EnsurePartnersAsync(db, ct);
        var totalWeight = Countries.Sum(c => c.Weight);
        var statusWeight = DemoHistory.FinalStatuses.Sum(s => s.Weight);

        var ids = new Ids(
            await NextIdAsync(db.Tenants, ct), await NextIdAsync(db.Entitlements, ct),
            await NextIdAsync(db.StatusChanges, ct), await NextIdAsync(db.OverallNotes, ct), await NextIdAsync(db.ExecutiveSummaries, ct),
            await NextIdAsync(db.OverallNoteRevisions, ct), await NextIdAsync(db.SummaryRequests, ct));
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
            using (var revisions = new BulkInserter<OverallNoteRevision>(db, tx))
            using (var requests = new BulkInserter<SummaryRequest>(db, tx))
            {
                var writer = new BatchWriter(tenants, entitlements, changes, notes, summaries, revisions, requests);
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
                        SummaryRequests = summary.SummaryRequests + stats.Requests,
                    };
                }

                // In foreign-key order (PostgreSQL sends its buffered rows now; SQLite wrote them already).
                tenants.Flush();
                entitlements.Flush();
                changes.Flush();
                notes.Flush();
                revisions.Flush();
                summaries.Flush();
                requests.Flush();
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

    internal sealed class Ids(long tenant, long entitlement, long change, long note, long summary, long revision, long request)
    {
        public long Summary = summary;
        public long Revision = revision;
        public long Request = request;

        /// <summary>How many tenants each demo manager has been given so far.</summary>
        public readonly Dictionary<string, int> DemoPortfolios = new(StringComparer.Ordinal);
        public long Tenant = tenant;
        public long Entitlement = entitlement;
        public long Change = change;
        public long Note = note;
    }

    private sealed record BatchWriter(BulkInserter<Tenant> Tenants, BulkInserter<Entitlement> Entitlements,
        BulkInserter<StatusChange> Changes, BulkInserter<OverallNote> Notes, BulkInserter<ExecutiveSummary> Summaries,
        BulkInserter<OverallNoteRevision> Revisions, BulkInserter<SummaryRequest> Requests);

    private static (int Entitlements, int Changes, int Notes, int Summaries, int Requests) GenerateTenant(
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
            AccountTeam = TeamFor(manager, partner, seats > 10_000),
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
            var (entitlement, created) = DemoHistory.Checked(EntitlementRules.Create(tenant, [], workload, Gateway, createdAt, WorkloadCatalogue.Default));
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
            var at = Min(history.Max(h => h.ChangedAt).AddHours(2), now.AddMinutes(-1));
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
            var note = NewNote(tenant, sample, manager, ids, at,
                sample.NextAction is null ? null : DateOnly.FromDateTime(at.UtcDateTime).AddDays(random.Next(3, 30)));
            // Marked done before it is written: SQLite's inserter writes a row when it is added, the revision after its note.
            var revision = FinishOldAction(note, manager, ids, now);
            writer.Notes.Add(note);
            if (revision is not null)
            {
                writer.Revisions.Add(revision);
            }
        }

        // About half the tenants had a call in the last two weeks, and its next action falls due around today.
        var recent = DemoHistory.OwnRandom(tenant.Id, 53);
        if (recent.NextDouble() < 0.55)
        {
            var sample = samples[recent.Next(samples.Count)];
            var daysAgo = recent.Next(1, 13);
            var due = Math.Max(recent.Next(-4, 13), 1 - daysAgo);
            var at = now.AddDays(-daysAgo).AddMinutes(recent.Next(8 * 60, 18 * 60));
            writer.Notes.Add(NewNote(tenant, sample, manager, ids, at, DateOnly.FromDateTime(now.UtcDateTime).AddDays(due)));
            noteCount++;
        }

        var summaries = GenerateSummary(content, tenant, entitlements, lang, manager, ids, now, writer) ? 1 : 0;
        var requests = RequestSummaries(content, tenant, partner, lang, manager, ids, now, writer);
        return (workloads.Count, history.Count, noteCount, summaries, requests);
    }

    private static OverallNote NewNote(Tenant tenant, DemoContent.OverallNoteSample sample, string manager, Ids ids, DateTimeOffset at, DateOnly? due) => new()
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
        NextActionDate = sample.NextAction is null ? null : due,
        NextActionOwner = sample.NextAction is null ? null : manager,
        Hashtags = Hashtags.Parse(sample.Text),
    };

    /// <summary>
    /// Most next actions of notes that fell due days ago were done the day after, by the rule the work list uses; the
    /// revision that keeps the note as it was, or null.
    /// </summary>
    private static OverallNoteRevision? FinishOldAction(OverallNote note, string manager, Ids ids, DateTimeOffset end)
    {
        var today = DateOnly.FromDateTime(end.UtcDateTime);
        if (note.NextActionDate is not { } due || due >= today.AddDays(-2) || DemoHistory.OwnRandom(note.Id, 59).NextDouble() >= 0.9)
        {
            return null;
        }

        var at = new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);
        if (at <= note.CreatedAt || at >= end.AddHours(-1) || DemoHistory.Checked(NoteNextActions.MarkDone(note, manager, at)).Revision is not { } revision)
        {
            return null;
        }

        revision.Id = ids.Revision++;
        return revision;
    }

    /// <summary>Which of a demo manager's tenants (in the order they are generated) get a summary request, and when each is due.</summary>
    private static readonly (int Nth, int DueInDays)[] Requests = [(1, -2), (3, 0), (6, 3), (10, 9)];

    /// <summary>
    /// Each demo manager's regional manager asks for an executive summary of a few of the manager's tenants, due around
    /// today: one overdue, one due today, the others later.
    /// </summary>
    private static int RequestSummaries(DemoContent content, Tenant tenant, Partner? partner, string lang, string manager, Ids ids, DateTimeOffset now,
        BatchWriter writer)
    {
        if (tenant.IsDuplicate || manager != DemoUsers.Email(Role.Manager, partner?.Name))
        {
            return 0;
        }

        var nth = ids.DemoPortfolios.GetValueOrDefault(manager);
        ids.DemoPortfolios[manager] = nth + 1;
        var which = Array.FindIndex(Requests, r => r.Nth == nth);
        if (which < 0)
        {
            return 0;
        }

        var due = DateOnly.FromDateTime(now.UtcDateTime).AddDays(Requests[which].DueInDays);
        var messages = content.SummaryRequests[lang];
        writer.Requests.Add(new SummaryRequest
        {
            Id = ids.Request++,
            TenantId = tenant.Id,
            PartnerId = tenant.PartnerId,
            Region = tenant.Region,
            RequestedBy = DemoUsers.Email(Role.RegionalManager, partner?.Name),
            RequestedOf = manager,
            RequestedAt = Min(new DateTimeOffset(due.AddDays(-7).ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero), now.AddHours(-3)),
            DueDate = due,
            Message = messages[which % messages.Count],
        });
        return 1;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Tenants a demo manager looks after, about; a real portfolio is hundreds of entitlements, not a whole region.</summary>
    public const int PortfolioSize = 60;

    /// <summary>
    /// The demo manager's tenants have the demo engineer of the same organisation on their account team, and the enterprise
    /// ones the demo architect too, so that the account team shows on the tenants a demo manager opens.
    /// </summary>
    private static List<string> TeamFor(string manager, Partner? partner, bool enterprise) =>
        manager != DemoUsers.Email(Role.Manager, partner?.Name) ? []
        : enterprise ? [DemoUsers.Email(Role.Engineer, partner?.Name), DemoUsers.Email(Role.Architect, partner?.Name)]
        : [DemoUsers.Email(Role.Engineer, partner?.Name)];

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
