using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Headway.Application.Data;
using Headway.Application.Idempotency;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Web.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on every state-changing API request: a client that did not get an answer sends the request again
/// with the same key and gets the first answer (marked <c>Idempotent-Replayed: true</c>), and nothing changes twice.
/// <list type="bullet">
/// <item>The key's record is written by the request's first save, in its transaction (<see cref="HeadwayDbContext.Idempotency"/>):
/// a change is never stored without it, and a second request with the key running at the same time fails on the unique
/// index and changes nothing. The answer is added when the request ends.</item>
/// <item>An answer that changed nothing (a refusal before any save) is not kept: sending it again runs it again, which
/// changes nothing either. A success that wrote without a tracked save (an import's bulk load) is kept when it ends.</item>
/// <item>The same key with another method, path, query or body is 422 IdempotencyKeyReused; a key whose first request is
/// still running, or whose answer was lost with its node, is 409 IdempotencyKeyInUse. Keys are the caller's own and are
/// kept 24 hours.</item>
/// </list>
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on an answer given again from the record.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Answers larger than this are not kept (none of the API's state-changing answers comes near).</summary>
    private const int MaxKeptBody = 1 << 20;

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!RequestGuard.IsApi(request) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Headers.TryGetValue(Header, out var values) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || !IdempotencyClaim.IsValidKey(key))
        {
            await ErrorResponses.RefuseAsync(context, Refusal.Of(RefusalCodes.InvalidIdempotencyKey, IdempotencyClaim.MaxKey.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        var ct = context.RequestAborted;
        var db = context.RequestServices.GetRequiredService<HeadwayDbContext>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var owner = db.Caller.UserName.ToLowerInvariant();
        var hash = await HashAsync(request, ct);
        if (await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Owner == owner && r.Key == key, ct) is { } kept)
        {
            if (kept.CreatedAt >= now - IdempotencyClaim.Retention)
            {
                await AnswerAgainAsync(context, kept, hash);
                return;
            }

            await db.IdempotencyRecords.Where(r => r.Id == kept.Id).ExecuteDeleteAsync(ct);
        }

        var claim = new IdempotencyClaim(owner, key, hash, now);
        db.Idempotency = claim;
        var original = context.Response.Body;
        await using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        catch (DbUpdateException e) when (e.InnerException is DbException inner && HeadwayDatabase.IsUniqueViolation(inner))
        {
            // Another request with the key saved first: this one's transaction failed on the key and changed nothing.
            if (await OtherAsync(db, claim, ct) is not { } other)
            {
                throw;
            }

            context.Response.Body = original;
            context.Response.Clear();
            await AnswerAgainAsync(context, other, hash);
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        await KeepAsync(context, db, claim, held, ct);
        held.Position = 0;
        await held.CopyToAsync(original, ct);
    });

    /// <summary>Adds the answer to the record the request wrote, or writes one for a success that saved without it.</summary>
    private static async Task KeepAsync(HttpContext context, HeadwayDbContext db, IdempotencyClaim claim, MemoryStream held, CancellationToken ct)
    {
        var response = context.Response;
        var body = held.Length <= MaxKeptBody ? held.ToArray() : null;
        var contentType = response.ContentType;
        var location = response.Headers.Location.Count > 0 ? response.Headers.Location.ToString() : null;
        var etag = response.Headers.ETag.Count > 0 ? response.Headers.ETag.ToString() : null;
        var status = response.StatusCode;
        var updated = await db.IdempotencyRecords.Where(r => r.Owner == claim.Owner && r.Key == claim.Key && r.Token == claim.Token)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, contentType)
                .SetProperty(r => r.Location, location).SetProperty(r => r.ETag, etag).SetProperty(r => r.Body, body), ct);
        if (updated > 0 || status is < 200 or >= 300)
        {
            return;
        }

        await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        own.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Owner = claim.Owner,
            Key = claim.Key,
            RequestHash = claim.RequestHash,
            Token = claim.Token,
            CreatedAt = claim.At,
            StatusCode = status,
            ContentType = contentType,
            Location = location,
            ETag = etag,
            Body = body,
        });
        try
        {
            await own.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is DbException inner && HeadwayDatabase.IsUniqueViolation(inner))
        {
            // A retry that ran alongside keeps its own answer; this one's is still given to this client.
        }
    }

    private static Task<IdempotencyRecord?> OtherAsync(HeadwayDbContext db, IdempotencyClaim claim, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Owner == claim.Owner && r.Key == claim.Key && r.Token != claim.Token, ct);

    private static async Task AnswerAgainAsync(HttpContext context, IdempotencyRecord kept, string hash)
    {
        if (!string.Equals(kept.RequestHash, hash, StringComparison.Ordinal))
        {
            await ErrorResponses.RefuseAsync(context, Refusal.Of(RefusalCodes.IdempotencyKeyReused));
            return;
        }

        if (kept.StatusCode is not { } status)
        {
            context.Response.Headers.RetryAfter = "1";
            await ErrorResponses.RefuseAsync(context, Refusal.Of(RefusalCodes.IdempotencyKeyInUse));
            return;
        }

        var response = context.Response;
        response.StatusCode = status;
        response.Headers[ReplayedHeader] = "true";
        response.ContentType = kept.ContentType;
        if (kept.Location is not null)
        {
            response.Headers.Location = kept.Location;
        }

        if (kept.ETag is not null)
        {
            response.Headers.ETag = kept.ETag;
        }

        if (kept.Body is { Length: > 0 } body)
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>SHA-256 of method, path, query and body; the body is kept readable for the endpoint.</summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Method + " " + request.Path.Value + request.QueryString.Value + "\n"));
        request.EnableBuffering();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>Removes idempotency records past their retention, once an hour on every node (a delete of the same rows twice is harmless).</summary>
public sealed class IdempotencyPurge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyPurge> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
                    var before = clock.GetUtcNow() - IdempotencyClaim.Retention;
                    await db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning(e, "Removing expired idempotency keys failed; the next hour tries again.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }
}
