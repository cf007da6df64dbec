using System.Data.Common;
using Headway.Application.Data;
using Headway.Application.Telemetry;
using Headway.Application.Users;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Headway.Application.Notifications;

/// <summary>
/// One pass of the digest job: every user whose digest is due and not yet taken gets it, from whichever web node
/// claims it first. A claim is the insert of the user's <see cref="DigestDelivery"/> row for the period; its unique
/// key lets one node of several succeed, and the others see the duplicate key and leave the user alone. The node
/// that claimed records when the mail server accepted the mail, or why it did not. A digest with nothing in it is
/// claimed (so nobody builds it again) and never sent. A failed send is claimed again, by an atomic update of the
/// failed row, after <see cref="DigestSchedule.RetryAfter"/> while its period lasts; a row claimed and neither sent
/// nor failed (its node stopped while sending) is left alone, because the mail may have gone.
/// </summary>
public static class SendDigests
{
    /// <summary>What a pass did: users due, mails sent, digests with nothing in them, users another node had, failures.</summary>
    public sealed record Outcome(int Due, int Sent, int Empty, int TakenElsewhere, int Failed);

    public sealed class Handler(
        DbContextOptions<HeadwayDbContext> options,
        IServiceProvider services,
        IDigestMailer mailer,
        DigestSchedule schedule,
        TimeProvider clock,
        ILogger<Handler>? logger = null)
    {
        private readonly ILogger _log = logger ?? (ILogger)NullLogger.Instance;

        public async Task<Outcome> RunOnceAsync(CancellationToken ct = default)
        {
            if (!mailer.IsConfigured)
            {
                return new Outcome(0, 0, 0, 0, 0);
            }

            var now = clock.GetUtcNow();
            var due = await DueAsync(now, ct);
            int sent = 0, empty = 0, taken = 0, failed = 0;
            foreach (var (user, period, existing) in due)
            {
                ct.ThrowIfCancellationRequested();
                var language = SupportedLanguages.Normalize(user.Language);
                var digest = await BuildAsync(user, language, ct);
                var claim = existing is null
                    ? await ClaimAsync(user.Id, period, digest.Items, now, ct)
                    : await ReclaimAsync(existing, digest.Items, now, ct);
                if (claim is null)
                {
                    taken++;
                    continue;
                }

                if (digest.IsEmpty)
                {
                    empty++;
                    continue;
                }

                try
                {
                    await mailer.SendAsync(new DigestRecipient(user.Id, user.Email!, user.DisplayName, language), digest, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Whatever the client threw (a refusal, a lost connection, its own time-out) unless the pass was stopped.
                    failed++;
                    HeadwayLog.DigestFailed(_log, e, period, user.Id, schedule.RetryAfter);
                    HeadwayTelemetry.DigestEmails.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                    await RecordAsync(claim.Id, sentAt: null, error: Shorten($"{e.GetType().Name}: {e.Message}"), CancellationToken.None);
                    continue;
                }

                // The server has the mail: record it whatever the caller's token says, or it would be sent again.
                await RecordAsync(claim.Id, sentAt: clock.GetUtcNow(), error: null, CancellationToken.None);
                sent++;
                HeadwayTelemetry.DigestEmails.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
            }

            if (due.Count > 0)
            {
                HeadwayLog.DigestPass(_log, schedule.Node, due.Count, sent, empty, taken, failed);
            }

            return new Outcome(due.Count, sent, empty, taken, failed);
        }

        /// <summary>
        /// Claims a user's digest for a period: true for exactly one of any number of nodes that try at once. The
        /// others get the unique key's refusal, and only that refusal is taken to mean "someone else has it".
        /// </summary>
        public async Task<DigestDelivery?> ClaimAsync(string userId, string period, int items, DateTimeOffset now, CancellationToken ct = default)
        {
            await using var db = Context(Caller.System);
            var row = new DigestDelivery { UserId = userId, Period = period, ClaimedBy = schedule.Node, ClaimedAt = now, Items = items };
            db.DigestDeliveries.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return row;
            }
            catch (DbUpdateException e) when (e.InnerException is DbException inner && HeadwayDatabase.IsUniqueViolation(inner))
            {
                return null;
            }
        }

        /// <summary>Claims a failed digest again: the update names the claim it replaces, so only one node's update matches.</summary>
        private async Task<DigestDelivery?> ReclaimAsync(DigestDelivery failed, int items, DateTimeOffset now, CancellationToken ct)
        {
            await using var db = Context(Caller.System);
            var node = schedule.Node;
            var updated = await db.DigestDeliveries
                .Where(d => d.Id == failed.Id && d.SentAt == null && d.Error != null && d.ClaimedAt == failed.ClaimedAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.ClaimedBy, node)
                    .SetProperty(d => d.ClaimedAt, now)
                    .SetProperty(d => d.Items, items)
                    .SetProperty(d => d.Error, (string?)null), ct);
            return updated == 1 ? failed : null;
        }

        private async Task RecordAsync(long id, DateTimeOffset? sentAt, string? error, CancellationToken ct)
        {
            await using var db = Context(Caller.System);
            await db.DigestDeliveries.Where(d => d.Id == id && d.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.SentAt, sentAt).SetProperty(d => d.Error, error), ct);
        }

        private async Task<List<(HeadwayUser User, string Period, DigestDelivery? Failed)>> DueAsync(DateTimeOffset now, CancellationToken ct)
        {
            await using var db = Context(Caller.System);
            var users = await db.Users.AsNoTracking()
                .Where(u => !u.IsDisabled && u.DigestFrequency != DigestFrequency.Off && u.Email != null && u.UserName != null)
                .OrderBy(u => u.Id)
                .ToListAsync(ct);
            var wanted = users.Select(u => (User: u, Period: DigestPeriods.Due(u.DigestFrequency, now, schedule.HourUtc)))
                .Where(w => w.Period is not null)
                .ToList();
            if (wanted.Count == 0)
            {
                return [];
            }

            var periods = wanted.Select(w => w.Period!).Distinct().ToList();
            var known = (await db.DigestDeliveries.AsNoTracking().Where(d => periods.Contains(d.Period)).ToListAsync(ct))
                .ToDictionary(d => (d.UserId, d.Period));
            var retryBefore = now - schedule.RetryAfter;
            var due = new List<(HeadwayUser, string, DigestDelivery?)>();
            foreach (var (user, period) in wanted)
            {
                if (!known.TryGetValue((user.Id, period!), out var row))
                {
                    due.Add((user, period!, null));
                }
                else if (row.SentAt is null && row.Error is not null && row.ClaimedAt <= retryBefore)
                {
                    due.Add((user, period!, row));
                }
            }

            return due;
        }

        /// <summary>The digest as the recipient sees the portal: their scope, their role, their language.</summary>
        private async Task<Digest> BuildAsync(HeadwayUser user, string language, CancellationToken ct)
        {
            await using var db = Context(Caller.Of(user));
            var workList = ActivatorUtilities.CreateInstance<WorkList.GetWorkList.Handler>(services, db, clock);
            return await ActivatorUtilities.CreateInstance<BuildDigest.Handler>(services, workList, db, clock).HandleAsync(language, ct);
        }

        private HeadwayDbContext Context(Caller caller) => new(options, new FixedCaller(caller), clock);

        private static string Shorten(string text) => text.Length <= 1000 ? text : text[..1000];
    }
}
