using Headway.Application.Data;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Notifications;

/// <summary>
/// Marks one of the caller's notices read, or all of them. Another user's notice is not found, whoever asks. A notice
/// read before keeps the time it was first read.
/// </summary>
public static class MarkNotificationsRead
{
    /// <param name="Id">The notice; null for every unread notice of the caller.</param>
    public sealed record Request(long? Id);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock)
    {
        /// <summary>How many notices were unread and now are read.</summary>
        public async Task<Result<int>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (!ListNotifications.SignedIn(db.Caller))
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            var mine = Notify.Mine(db);
            if (request.Id is { } id)
            {
                if (!await mine.AnyAsync(n => n.Id == id, ct))
                {
                    return Refusal.Of(RefusalCodes.NotificationNotFound);
                }

                mine = mine.Where(n => n.Id == id);
            }

            // One statement, not a tracked save: a read mark is the reader's own bookkeeping, not a change of the
            // programme's records, so it is left out of the audit trail.
            var now = clock.GetUtcNow();
            var marked = await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            return Result<int>.Ok(marked);
        }
    }
}
