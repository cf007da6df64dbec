using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Summaries;

/// <summary>
/// Writes an executive summary of a tenant (SPEC §5). The tenant's onboarding manager writes it, on a
/// regional manager's request or after significant change; a newer summary supersedes, never overwrites.
/// </summary>
public static class WriteSummary
{
    public sealed record Request(long TenantId, string? CustomerDescription, string? EngagementStatus, string? DeploymentProgress,
        string? Relationship, IReadOnlyList<SummaryLine> Lines, string? SupportRequests, string? Risks);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, WorkloadCatalogue catalogue)
    {
        public async Task<Result<ExecutiveSummary>> HandleAsync(Request request, CancellationToken ct = default)
        {
            // A summary is a manager's account of the customer: a service account's statuses scope does not reach it.
            if (db.Caller.IsService || !Permissions.Allows(db.Caller, Permission.ChangeEntitlement))
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            if (Permissions.Check(db.Caller, Permission.ChangeEntitlement, tenant) is { } refusal)
            {
                return refusal;
            }

            if (Validate(request, await db.Entitlements.Where(e => e.TenantId == tenant.Id).Select(e => e.Workload).ToListAsync(ct), catalogue) is { } invalid)
            {
                return invalid;
            }

            var summary = new ExecutiveSummary
            {
                TenantId = tenant.Id,
                PartnerId = tenant.PartnerId,
                Region = tenant.Region,
                Author = db.Caller.UserName,
                CreatedAt = clock.GetUtcNow(),
                CustomerDescription = request.CustomerDescription!.Trim(),
                EngagementStatus = Enum.Parse<EngagementStatus>(request.EngagementStatus!),
                DeploymentProgress = Enum.Parse<DeploymentProgress>(request.DeploymentProgress!),
                Relationship = Blank(request.Relationship),
                Lines = request.Lines.Select(l => new SummaryLine(l.Workload.Trim().ToUpperInvariant(), l.State.Trim(), Blank(l.NextAction))).ToList(),
                SupportRequests = Blank(request.SupportRequests),
                Risks = Blank(request.Risks),
            };
            db.ExecutiveSummaries.Add(summary);
            await SummaryRequestFulfilment.SaveAsync(db, summary, ct);
            return Result<ExecutiveSummary>.Ok(summary);
        }

        private static Refusal? Validate(Request r, IReadOnlyCollection<string> entitled, WorkloadCatalogue catalogue)
        {
            if (string.IsNullOrWhiteSpace(r.CustomerDescription))
            {
                return Refusal.ForField("customerDescription", RefusalCodes.DescriptionRequired);
            }

            if (!IsName<EngagementStatus>(r.EngagementStatus))
            {
                return Refusal.ForField("engagementStatus", RefusalCodes.UnknownChoice, r.EngagementStatus ?? "", string.Join(", ", Enum.GetNames<EngagementStatus>()));
            }

            if (!IsName<DeploymentProgress>(r.DeploymentProgress))
            {
                return Refusal.ForField("deploymentProgress", RefusalCodes.UnknownChoice, r.DeploymentProgress ?? "", string.Join(", ", Enum.GetNames<DeploymentProgress>()));
            }

            foreach (var (field, text, max) in new[]
            {
                ("customerDescription", r.CustomerDescription, ExecutiveSummary.MaxDescription), ("relationship", r.Relationship, ExecutiveSummary.MaxRelationship),
                ("supportRequests", r.SupportRequests, ExecutiveSummary.MaxSupport), ("risks", r.Risks, ExecutiveSummary.MaxRisks),
            })
            {
                if (text?.Trim().Length > max)
                {
                    return TooLong(field, max);
                }
            }

            if (TextRules.Check(("customerDescription", r.CustomerDescription), ("relationship", r.Relationship), ("supportRequests", r.SupportRequests),
                    ("risks", r.Risks)) is { } forbidden)
            {
                return forbidden;
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in r.Lines)
            {
                if (line is null)
                {
                    // "lines": [null] says nothing about a workload.
                    return Refusal.ForField("lines", RefusalCodes.MalformedRequest, "lines");
                }

                if (TextRules.Check(("lines", line.Workload), ("lines", line.State), ("lines", line.NextAction)) is { } forbiddenLine)
                {
                    return forbiddenLine;
                }

                var code = line.Workload?.Trim() ?? "";
                var known = code.Equals(ExecutiveSummary.Core, StringComparison.OrdinalIgnoreCase)
                    || (catalogue.Find(code) is { } w && entitled.Contains(w.Code));
                if (!known || !seen.Add(code))
                {
                    return Refusal.ForField("lines", RefusalCodes.WorkloadNotEntitlement, code);
                }

                if (string.IsNullOrWhiteSpace(line.State))
                {
                    return Refusal.ForField("lines", RefusalCodes.LineStateRequired, code);
                }

                if (line.State.Trim().Length > ExecutiveSummary.MaxLine || line.NextAction?.Trim().Length > ExecutiveSummary.MaxLine)
                {
                    return TooLong("lines", ExecutiveSummary.MaxLine);
                }
            }

            return null;
        }

        private static bool IsName<T>(string? value) where T : struct, Enum =>
            value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal);

        private static Refusal TooLong(string field, int max) =>
            Refusal.ForField(field, RefusalCodes.FieldTooLong, field, max.ToString(CultureInfo.InvariantCulture));

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
