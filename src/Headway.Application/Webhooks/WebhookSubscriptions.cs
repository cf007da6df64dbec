using System.Security.Cryptography;
using Headway.Application.Changes;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Webhooks;

/// <summary>
/// Subscribing URLs to the change feed's events, and what became of each delivery. A subscription belongs to the user or
/// service account that made it and reads the feed in their scope; its secret is shown once, at creation.
/// </summary>
public sealed class WebhookSubscriptions(HeadwayDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int MaxUrl = 2000, MaxResponse = 500, MaxPerOwner = 20;

    /// <summary>The purpose the secrets are protected under.</summary>
    public const string SecretPurpose = "Headway.Webhooks.Secret";

    public sealed record Created(Webhook Webhook, string Secret);

    /// <summary>A subscription with the count of its deliveries by state.</summary>
    public sealed record Row(Webhook Webhook, int Pending, int Delivered, int Failed);

    public async Task<Result<Created>> CreateAsync(string? url, IReadOnlyList<string>? types, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageWebhooks) is { } refusal)
        {
            return refusal;
        }

        url = url?.Trim();
        if (string.IsNullOrEmpty(url) || url.Length > MaxUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return Refusal.ForField("url", RefusalCodes.WebhookUrlInvalid, MaxUrl.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var chosen = (types ?? []).Select(t => t?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (chosen.FirstOrDefault(t => !ReadChanges.Types.Contains(t, StringComparer.Ordinal)) is { } unknown)
        {
            return Refusal.ForField("types", RefusalCodes.UnknownEventType, unknown, string.Join(", ", ReadChanges.Types));
        }

        var owner = await db.Users.AsNoTracking().Where(u => u.UserName == db.Caller.UserName).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return Refusal.Of(RefusalCodes.Forbidden);
        }

        if (await db.Webhooks.CountAsync(w => w.OwnerId == owner && w.RemovedAt == null, ct) >= MaxPerOwner)
        {
            return Refusal.Of(RefusalCodes.TooManyWebhooks, MaxPerOwner.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Events from now on: the subscription starts at the feed's end as its owner sees it.
        var cursor = await EndOfFeedAsync(ct);
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var webhook = new Webhook
        {
            PartnerId = db.Caller.PartnerId,
            OwnerId = owner,
            Url = uri.AbsoluteUri,
            Types = chosen,
            ProtectedSecret = protection.CreateProtector(SecretPurpose).Protect(secret),
            CreatedBy = db.Caller.UserName,
            CreatedAt = clock.GetUtcNow(),
            Cursor = cursor,
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(ct);
        return Result<Created>.Ok(new Created(webhook, secret));
    }

    /// <summary>The caller's scope's subscriptions (an administrator's partner's, a service account's own partner's), newest first.</summary>
    public async Task<Result<IReadOnlyList<Row>>> ListAsync(CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageWebhooks) is { } refusal)
        {
            return refusal;
        }

        var rows = await Counted(db.Webhooks.AsNoTracking().Where(w => w.RemovedAt == null).OrderByDescending(w => w.Id)).ToListAsync(ct);
        return Result<IReadOnlyList<Row>>.Ok(rows);
    }

    /// <summary>One subscription in the caller's scope with its deliveries counted; WebhookNotFound when removed or another scope's.</summary>
    public async Task<Result<Row>> OneAsync(long id, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageWebhooks) is { } refusal)
        {
            return refusal;
        }

        var row = await Counted(db.Webhooks.AsNoTracking().Where(w => w.Id == id && w.RemovedAt == null)).FirstOrDefaultAsync(ct);
        return row is null ? Refusal.Of(RefusalCodes.WebhookNotFound) : Result<Row>.Ok(row);
    }

    private IQueryable<Row> Counted(IQueryable<Webhook> webhooks) => webhooks.Select(w => new Row(w,
        db.WebhookDeliveries.Count(d => d.WebhookId == w.Id && d.State == DeliveryState.Pending),
        db.WebhookDeliveries.Count(d => d.WebhookId == w.Id && d.State == DeliveryState.Delivered),
        db.WebhookDeliveries.Count(d => d.WebhookId == w.Id && d.State == DeliveryState.Failed)));

    /// <summary>Stops queuing events for a subscription; deliveries already queued are still tried.</summary>
    public async Task<Result<bool>> RemoveAsync(long id, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageWebhooks) is { } refusal)
        {
            return refusal;
        }

        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id && w.RemovedAt == null, ct);
        if (webhook is null)
        {
            return Refusal.Of(RefusalCodes.WebhookNotFound);
        }

        webhook.RemovedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>A subscription's deliveries, newest first, paged: each event, its state, attempts and the receiver's last answer.</summary>
    public async Task<Result<Page<WebhookDelivery>>> DeliveriesAsync(long id, int? page, int? pageSize, long? mark = null, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageWebhooks) is { } refusal)
        {
            return refusal;
        }

        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct))
        {
            return Refusal.Of(RefusalCodes.WebhookNotFound);
        }

        var (number, size) = Paging.Clamp(page, pageSize);
        var until = await Paging.MarkAsync(db.WebhookDeliveries.IgnoreQueryFilters().Select(d => d.Id), mark, ct);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id && d.Id <= until);
        var items = await query.OrderByDescending(d => d.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var total = await Paging.TotalAsync(number, size, items.Count, query.CountAsync, ct);
        return Result<Page<WebhookDelivery>>.Ok(new Page<WebhookDelivery>(items, number, size, total) { Next = Paging.NextOf(number, size, total, until) });
    }

    private async Task<string> EndOfFeedAsync(CancellationToken ct)
    {
        // Up to where a reader may pass now: a change still being written when the subscription is made is sent to it.
        var (historyCap, auditCap) = await FeedOrder.WatermarkAsync(db, ct);
        var history = await db.StatusChanges.IgnoreQueryFilters().MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var audit = await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id, ct) ?? 0;
        return new ReadChanges.Position(Math.Min(history, historyCap ?? long.MaxValue), Math.Min(audit, auditCap ?? long.MaxValue)).Encode();
    }
}
