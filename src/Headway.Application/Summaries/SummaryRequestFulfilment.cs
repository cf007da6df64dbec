using Headway.Application.Data;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Summaries;

/// <summary>A summary written on a tenant answers every request for one that is still open (SPEC §5).</summary>
internal static class SummaryRequestFulfilment
{
    /// <summary>
    /// Saves the (added, unsaved) summary and marks the tenant's open requests fulfilled by it, in one transaction:
    /// a request is never fulfilled by a summary that was not saved, nor a summary saved with its requests left open.
    /// </summary>
    public static async Task SaveAsync(HeadwayDbContext db, ExecutiveSummary summary, CancellationToken ct)
    {
        var open = await db.SummaryRequests.Where(r => r.TenantId == summary.TenantId && r.FulfilledAt == null).ToListAsync(ct);
        if (open.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        // The summary's id comes from the database, so the requests are written after it (no navigation joins them).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var request in open)
        {
            request.FulfilledAt = summary.CreatedAt;
            request.SummaryId = summary.Id;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
