using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Summaries;

/// <summary>
/// A regional manager or leader asks a tenant's onboarding manager for an executive summary by a day (SPEC §5).
/// The manager is notified in the same save; the next summary written on the tenant fulfils the request.
/// </summary>
public static class RequestSummary
{
    public const int MaxMessage = FieldLimits.Text;

    /// <param name="TenantId">The tenant.</param>
    /// <param name="DueDate">By when the summary is wanted: today (UTC) or later.</param>
    /// <param name="Message">What the requester wants to know, if anything.</param>
    public sealed record Request(long TenantId, DateOnly? DueDate, string? Message = null);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        public async Task<Result<ListSummaryRequests.Row>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.RequestSummary) is { } forbidden)
            {
                return forbidden;
            }

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == request.TenantId, ct);
            if (tenant is null)
            {
                return Refusal.Of(RefusalCodes.TenantNotFound);
            }

            if (tenant.IsDuplicate)
            {
                return Refusal.Of(RefusalCodes.SummaryOfDuplicateTenant);
            }

            if (string.IsNullOrWhiteSpace(tenant.ManagerName))
            {
                return Refusal.Of(RefusalCodes.TenantHasNoManager);
            }

            var now = clock.GetUtcNow();
            if (Validate(request, DateOnly.FromDateTime(now.UtcDateTime)) is { } invalid)
            {
                return invalid;
            }

            var open = await db.SummaryRequests.AsNoTracking()
                .Where(r => r.TenantId == tenant.Id && r.FulfilledAt == null && r.RequestedBy == db.Caller.UserName)
                .Select(r => (DateOnly?)r.DueDate).FirstOrDefaultAsync(ct);
            if (open is { } due)
            {
                return Refusal.Of(RefusalCodes.SummaryAlreadyRequested, Iso(due));
            }

            var row = new SummaryRequest
            {
                TenantId = tenant.Id,
                PartnerId = tenant.PartnerId,
                Region = tenant.Region,
                RequestedBy = db.Caller.UserName,
                RequestedOf = tenant.ManagerName.Trim(),
                RequestedAt = now,
                DueDate = request.DueDate!.Value,
                Message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim(),
            };
            db.SummaryRequests.Add(row);
            await Notify.SummaryRequestedAsync(db, tenant, row, now, ct);
            await db.SaveChangesAsync(ct);
            return Result<ListSummaryRequests.Row>.Ok(new ListSummaryRequests.Row(row, tenant.Name, SummaryRequestState.Open));
        }

        private static Refusal? Validate(Request request, DateOnly today)
        {
            if (request.DueDate is not { } due)
            {
                return Refusal.ForField("dueDate", RefusalCodes.DueDateRequired);
            }

            if (DateRules.Check(("dueDate", due)) is { } outOfRange)
            {
                return outOfRange;
            }

            if (due < today)
            {
                return Refusal.ForField("dueDate", RefusalCodes.DueDateInPast, Iso(due));
            }

            if (TextRules.Check("message", request.Message) is { } forbidden)
            {
                return forbidden;
            }

            return request.Message?.Trim().Length > MaxMessage
                ? Refusal.ForField("message", RefusalCodes.FieldTooLong, "message", MaxMessage.ToString(CultureInfo.InvariantCulture))
                : null;
        }

        private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
