using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Summaries;

/// <summary>One executive summary with its tenant, for reading and printing.</summary>
public static class GetSummary
{
    public sealed record Response(ExecutiveSummary Summary, Tenant Tenant);

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Response>> HandleAsync(long id, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } forbidden)
            {
                return forbidden;
            }

            var found = await db.ExecutiveSummaries.AsNoTracking().Where(s => s.Id == id)
                .Join(db.Tenants.Include(t => t.Partner), s => s.TenantId, t => t.Id, (s, t) => new Response(s, t))
                .FirstOrDefaultAsync(ct);
            return found is null ? Refusal.Of(RefusalCodes.SummaryNotFound) : Result<Response>.Ok(found);
        }
    }
}
