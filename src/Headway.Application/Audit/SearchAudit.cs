using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Audit;

/// <summary>
/// Searches the audit trail: by actor, tenant, entity type and time, newest first, paged — with the names of the users,
/// partners and tenants its entries name by id, so that a reader sees who and what, not keys.
/// </summary>
public static class SearchAudit
{
    public sealed record Request(string? Actor = null, long? TenantId = null, string? Entity = null,
        DateOnly? From = null, DateOnly? To = null, int? Page = 1, int? PageSize = 50, long? Mark = null);

    /// <summary>What the ids in a page of entries stand for: users by id, partners and tenants by id.</summary>
    public sealed record Names(IReadOnlyDictionary<string, string> Users, IReadOnlyDictionary<long, string> Partners, IReadOnlyDictionary<long, string> Tenants)
    {
        /// <summary>Fields whose values are a user's id.</summary>
        public static readonly IReadOnlySet<string> UserFields = new HashSet<string>(StringComparer.Ordinal) { "UserId", "OwnerId" };

        public static readonly IReadOnlySet<string> PartnerFields = new HashSet<string>(StringComparer.Ordinal) { "PartnerId" };

        public static readonly IReadOnlySet<string> TenantFields = new HashSet<string>(StringComparer.Ordinal) { "TenantId" };

        /// <summary>The name a field's value stands for, or null when it is no id this knows.</summary>
        public string? Of(string field, string? value) => value is null ? null
            : UserFields.Contains(field) ? Users.GetValueOrDefault(value)
            : PartnerFields.Contains(field) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? Partners.GetValueOrDefault(p)
            : TenantFields.Contains(field) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? Tenants.GetValueOrDefault(t)
            : null;

        /// <summary>The name of the record an entry is about: a user's email, a partner's or tenant's name; null for others.</summary>
        public string? OfRecord(AuditEntry entry) => entry.Entity switch
        {
            nameof(HeadwayUser) => Users.GetValueOrDefault(entry.EntityId),
            "Partner" => Of("PartnerId", entry.EntityId),
            "Tenant" => Of("TenantId", entry.EntityId),
            _ => null,
        };
    }

    public sealed record Response(Page<AuditEntry> Page, Names Names);

    /// <summary>
    /// The kinds of rows the trail records (an entry's Entity): every entity of the model by its type's name, but the
    /// history, the trail itself, webhook deliveries and idempotency keys, which it leaves out (AuditTrail).
    /// </summary>
    public static IReadOnlyList<string> Entities(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
    [
        .. model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType).Select(t => t.ClrType)
            .Where(t => t != typeof(AuditEntry) && t != typeof(Domain.Entitlements.StatusChange) && t != typeof(Webhooks.WebhookDelivery)
                && t != typeof(Idempotency.IdempotencyRecord))
            .Select(t => t.Name).Distinct().Order(StringComparer.Ordinal),
    ];

    public sealed class Handler(HeadwayDbContext db)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadAudit) is { } refusal)
            {
                return refusal;
            }

            if (!string.IsNullOrWhiteSpace(request.Entity) && !Entities(db.Model).Contains(request.Entity.Trim()))
            {
                return Refusal.ForField("entity", RefusalCodes.UnknownFilterValue, "entity", request.Entity, string.Join(", ", Entities(db.Model)));
            }

            if (DateRules.Check(("from", request.From), ("to", request.To)) is { } outOfRange)
            {
                return outOfRange;
            }

            var (page, size) = Paging.Clamp(request.Page, request.PageSize);
            var mark = await Paging.MarkAsync(db.AuditEntries.IgnoreQueryFilters().Select(a => a.Id), request.Mark, ct);
            var query = db.AuditEntries.AsNoTracking().Where(a => a.Id <= mark);
            if (!string.IsNullOrWhiteSpace(request.Actor))
            {
                query = query.Where(a => a.Actor == request.Actor.Trim());
            }

            if (request.TenantId is { } tenant)
            {
                query = query.Where(a => a.TenantId == tenant);
            }

            if (!string.IsNullOrWhiteSpace(request.Entity))
            {
                query = query.Where(a => a.Entity == request.Entity.Trim());
            }

            if (request.From is { } from)
            {
                var start = DateRules.StartUtc(from);
                query = query.Where(a => a.At >= start);
            }

            if (request.To is { } to)
            {
                var end = DateRules.EndUtc(to);
                query = query.Where(a => a.At < end);
            }

            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Skip((page - 1) * size).Take(size).ToListAsync(ct);
            return Result<Response>.Ok(new Response(new Page<AuditEntry>(items, page, size, total) { Next = Paging.NextOf(page, size, total, mark) }, await NamesAsync(db, items, ct)));
        }

        /// <summary>The names behind the ids the entries hold, as far as the caller may see them.</summary>
        internal static async Task<Names> NamesAsync(HeadwayDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
        {
            var values = entries.SelectMany(a => a.Changes.SelectMany(c => new[] { (c.Field, c.Before), (c.Field, c.After) })).Where(v => v.Item2 is not null).ToList();
            var userIds = values.Where(v => Names.UserFields.Contains(v.Field)).Select(v => v.Item2!)
                .Concat(entries.Where(a => a.Entity == nameof(HeadwayUser)).Select(a => a.EntityId)).Distinct().ToList();
            var partnerIds = Ids(values.Where(v => Names.PartnerFields.Contains(v.Field)).Select(v => v.Item2!)
                .Concat(entries.Where(a => a.Entity == "Partner").Select(a => a.EntityId)));
            var tenantIds = Ids(values.Where(v => Names.TenantFields.Contains(v.Field)).Select(v => v.Item2!)
                .Concat(entries.Where(a => a.TenantId is not null).Select(a => a.TenantId!.Value.ToString(CultureInfo.InvariantCulture))));
            // Users and partners are not filtered by scope: a partner's reader is given only the partner's own names, and
            // any other id stays an id, as a tenant out of scope does.
            var scope = db.Caller.PartnerId;
            var wide = db.Caller.IsProgrammeWide;
            var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && (wide || u.PartnerId == scope))
                .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
            var partners = partnerIds.Count == 0 ? [] : await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id) && (wide || p.Id == scope))
                .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            // Scope applies: a tenant the reader may not see stays an id.
            var tenants = tenantIds.Count == 0 ? [] : await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
            return new Names(users, partners, tenants);
        }

        private static List<long> Ids(IEnumerable<string> values) =>
            values.Select(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : (long?)null)
                .Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
    }
}
