using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Changes;

/// <summary>
/// The change feed: every change in the caller's scope since a cursor, oldest first, read from the two append-only
/// records Headway already keeps — the entitlement history (status changes, notes, next actions, duplicate flags, imports)
/// and the audit trail (tenants, overall notes, executive summaries, and deletes) — so there is no third log to drift.
/// Each record is read in id order, never past an id a running transaction may still commit below (<see cref="FeedOrder"/>);
/// the two are merged by time. The cursor holds the last
/// row read of each, so a page read while rows are added has no gap and no duplicate.
/// </summary>
public static class ReadChanges
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    /// <summary>Every event type, for documentation and subscriptions.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "entitlement.created", "entitlement.changed", "entitlement.marked_duplicate", "entitlement.restored", "entitlement.next_action_done",
        "entitlement.deleted", "tenant.created", "tenant.changed", "tenant.deleted", "note.created", "note.changed", "note.deleted",
        "summary.created", "summary.changed", "summary.deleted",
    ];

    public sealed record Request(string? Cursor, int? Limit = null);

    /// <summary>An entitlement's status after a change.</summary>
    public sealed record EntitlementState(string L1, string? L2, string? L3, string? Note, DateOnly? TargetDate, DateOnly? ProjectedUnblockDate,
        string? NoteGrade);

    /// <summary>
    /// One change: a stable id ("h" and the history entry's id, or "a" and the audit entry's), its type (subject.action), when and
    /// by whom, what it is about, every field that changed (before and after, as text), and for an entitlement its status after
    /// the change. The API answers it and webhooks post it as it is.
    /// </summary>
    public sealed record Change(string Id, string Type, DateTimeOffset At, string By, long? TenantId, long? EntitlementId, string? Workload,
        long? NoteId, long? SummaryId, IReadOnlyList<FieldChange> Changes,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EntitlementState? Entitlement);

    public sealed record Response(IReadOnlyList<Change> Items, string Cursor, bool HasMore);

    /// <summary>Where a reader stands: the last history entry and the last audit entry it has seen.</summary>
    public readonly record struct Position(long History, long Audit)
    {
        public string Encode()
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{History}.{Audit}");
            return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
        }

        public static Position? Decode(string? cursor)
        {
            if (string.IsNullOrEmpty(cursor))
            {
                return new Position(0, 0);
            }

            if (cursor.Length > 64 || !Base64Url.IsValid(cursor))
            {
                return null;
            }

            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split('.');
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var history)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var audit)
                ? new Position(history, audit)
                : null;
        }
    }

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadTenants) is { } refusal)
            {
                return refusal;
            }

            if (Position.Decode(request.Cursor) is not { } from)
            {
                return Refusal.Of(RefusalCodes.InvalidCursor);
            }

            if (request.Limit is < 1 or > MaxLimit)
            {
                return Refusal.Of(RefusalCodes.InvalidLimit, MaxLimit.ToString(CultureInfo.InvariantCulture));
            }

            var limit = request.Limit ?? DefaultLimit;
            var (historyCap, auditCap) = await FeedOrder.WatermarkAsync(db, ct);
            var (lastHistory, lastAudit) = (historyCap ?? long.MaxValue, auditCap ?? long.MaxValue);
            var history = await db.StatusChanges.AsNoTracking().Where(c => c.Id > from.History && c.Id <= lastHistory)
                .OrderBy(c => c.Id).Take(limit + 1).ToListAsync(ct);
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Id > from.Audit && a.Id <= lastAudit && FeedOrder.Entities.Contains(a.Entity) && (a.Entity != nameof(Entitlement) || a.Action == "Deleted"))
                .OrderBy(a => a.Id).Take(limit + 1).ToListAsync(ct);

            // Merge the two, each kept in its own order; take the earlier head each time.
            var items = new List<Change>(Math.Min(limit, history.Count + audit.Count));
            var (h, a, at) = (0, 0, from);
            while (items.Count < limit && (h < history.Count || a < audit.Count))
            {
                if (a >= audit.Count || h < history.Count && history[h].ChangedAt <= audit[a].At)
                {
                    items.Add(FromHistory(history[h]));
                    at = at with { History = history[h++].Id };
                }
                else
                {
                    items.Add(FromAudit(audit[a]));
                    at = at with { Audit = audit[a++].Id };
                }
            }

            return Result<Response>.Ok(new Response(items, at.Encode(), h < history.Count || a < audit.Count));
        }

        private static Change FromHistory(StatusChange c) => new("h" + c.Id.ToString(CultureInfo.InvariantCulture), c.Kind switch
        {
            ChangeKind.Created => "entitlement.created",
            ChangeKind.TenantMarkedDuplicate => "entitlement.marked_duplicate",
            ChangeKind.TenantRestored => "entitlement.restored",
            ChangeKind.NextActionDone => "entitlement.next_action_done",
            _ => "entitlement.changed",
        }, c.ChangedAt, c.ChangedBy, c.TenantId, c.EntitlementId, c.Workload, null, null, c.Changes,
            new EntitlementState(c.L1, c.L2, c.L3, c.Note, c.TargetDate, c.ProjectedUnblockDate, c.NoteGrade));

        private static Change FromAudit(AuditEntry e)
        {
            var subject = e.Entity switch
            {
                nameof(Tenant) => "tenant",
                nameof(OverallNote) => "note",
                nameof(ExecutiveSummary) => "summary",
                _ => "entitlement",
            };
            // A note is deleted by stamping it, which the trail records as a change of DeletedAt.
            var action = e.Action switch
            {
                "Added" => "created",
                "Deleted" => "deleted",
                _ when subject == "note" && e.Changes.Any(c => c.Field == nameof(OverallNote.DeletedAt) && c.After is not null) => "deleted",
                _ => "changed",
            };
            long? id = long.TryParse(e.EntityId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var key) ? key : null;
            return new Change("a" + e.Id.ToString(CultureInfo.InvariantCulture), subject + "." + action, e.At, e.Actor, e.TenantId,
                subject == "entitlement" ? id : null, subject == "entitlement" ? e.Changes.FirstOrDefault(c => c.Field == nameof(Entitlement.Workload))?.Before : null,
                subject == "note" ? id : null, subject == "summary" ? id : null, e.Changes, null);
        }
    }
}
