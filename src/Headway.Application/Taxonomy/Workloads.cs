using System.Collections.Frozen;
using Headway.Application.Data;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Taxonomy;

/// <summary>
/// The workload catalogue as the administrators keep it in the database, read once and kept for
/// <see cref="Lifetime"/>: a change on this node is seen at once, one on another node within that time. Every request
/// takes one consistent catalogue (registered scoped), so a page and the use cases it calls agree.
/// </summary>
public sealed class Workloads(TimeProvider clock)
{
    /// <summary>How long a node keeps the catalogue it read before it reads it again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private (WorkloadCatalogue Catalogue, DateTimeOffset ReadAt)? _current;

    /// <summary>The catalogue, read from the database when the kept one is older than <see cref="Lifetime"/>.</summary>
    public WorkloadCatalogue Current(HeadwayDbContext db)
    {
        lock (_gate)
        {
            if (_current is { } kept && clock.GetUtcNow() - kept.ReadAt < Lifetime)
            {
                return kept.Catalogue;
            }
        }

        var rows = db.Workloads.AsNoTracking().OrderBy(w => w.Position).ThenBy(w => w.Code).ToList();
        var catalogue = rows.Count == 0 ? WorkloadCatalogue.Default : WorkloadCatalogue.Of(rows.Select(Of).ToList());
        lock (_gate)
        {
            _current = (catalogue, clock.GetUtcNow());
        }

        return catalogue;
    }

    /// <summary>Forgets the kept catalogue after a change, so that the next request reads the new one.</summary>
    public void Changed()
    {
        lock (_gate)
        {
            _current = null;
        }
    }

    /// <summary>Adds the shipped workloads the table does not have yet (all of them on a new database).</summary>
    public static async Task SeedAsync(HeadwayDbContext db, CancellationToken ct = default)
    {
        var known = (await db.Workloads.Select(w => w.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shipped = WorkloadCatalogue.Default.All;
        var missing = shipped.Where(w => !known.Contains(w.Code)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var next = known.Count == 0 ? 0 : await db.Workloads.MaxAsync(w => w.Position, ct) + 1;
        foreach (var w in missing)
        {
            db.Workloads.Add(new WorkloadRecord { Code = w.Code, IsEntitlement = w.IsEntitlement, Position = known.Count == 0 ? Index(w) : next++ });
        }

        await db.SaveChangesAsync(ct);

        int Index(Workload w) => shipped.ToList().IndexOf(w);
    }

    /// <summary>A stored workload as the rules read it: the administrator's name in every language, else the shipped names.</summary>
    public static Workload Of(WorkloadRecord r) => new(r.Code, r.IsEntitlement,
        r.Name is { } name
            ? new LocalizedText(SupportedLanguages.All.ToFrozenDictionary(l => l, _ => name, StringComparer.Ordinal))
            : WorkloadCatalogue.Default.Find(r.Code)?.Name ?? new LocalizedText(new Dictionary<string, string> { [SupportedLanguages.English] = r.Code }),
        r.RetiredAt is not null);
}
