using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Headway.Application.Data;
using Headway.Application.Telemetry;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Headway.Application.Users;

/// <summary>
/// Checks an email and password, the same way for the sign-in page and the token endpoint. An email that names no
/// usable account (unknown, disabled, or of a deactivated partner) is answered exactly like a wrong password: one password hash is verified
/// either way, so the answer takes as long, and its failures are counted and lock it after as many attempts and for
/// as long as a real account's, so nobody can learn from the answers which emails have accounts.
/// Failed attempts are also counted per client address (a sign-in that succeeds, and loading the page, never count):
/// past <see cref="AddressLimit.Failures"/> failures within the lockout span, the address is paused for that span,
/// whichever accounts it tries. Both counts live in the database, so every web node sees them.
/// </summary>
public static class CheckSignIn
{
    /// <param name="Email">The email typed.</param>
    /// <param name="Password">The password typed.</param>
    /// <param name="Address">The client's address (after trusted proxies), whose failures are counted; null counts none.</param>
    public sealed record Request(string? Email, string? Password, string? Address = null);

    /// <summary>How many failed sign-ins one client address may make within the lockout span before it is paused for that span.</summary>
    /// <param name="Failures">Failures allowed; 0 counts none (<c>Security:SignInFailuresPerAddress</c>, 30 by default).</param>
    public sealed record AddressLimit(int Failures)
    {
        public const string Setting = "Security:SignInFailuresPerAddress";

        public static AddressLimit From(IConfiguration configuration)
        {
            var failures = configuration.GetValue(Setting, 30);
            return failures >= 0
                ? new AddressLimit(failures)
                : throw new InvalidOperationException($"{Setting} is {failures}; give a number of failed sign-ins, or 0 for no limit per address.");
        }
    }

    /// <summary>How long a refused sign-in should wait, when the refusal is a lock or a pause; null for any other refusal.</summary>
    public static TimeSpan? RetryAfter(Refusal refusal) =>
        refusal.Code is RefusalCodes.LockedOut or RefusalCodes.SignInPaused && refusal.Args.Count > 1
            && int.TryParse(refusal.Args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>A lock or pause that ends at <paramref name="until"/>: its message says in how many minutes; its second argument is the seconds, for Retry-After.</summary>
    private static Refusal Waiting(string code, DateTimeOffset until, DateTimeOffset now)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));
        var minutes = (seconds + 59) / 60;
        return Refusal.Of(code, minutes.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture));
    }

    public sealed class Handler(UserManager<HeadwayUser> users, IPasswordHasher<HeadwayUser> hasher, HeadwayDbContext db,
        IOptions<IdentityOptions> identity, TimeProvider clock, ILogger<Handler>? logger = null, AddressLimit? addressLimit = null)
    {
        /// <summary>A hash of a random password, verified in place of a real one: the same work, never a match.</summary>
        private static string? s_decoy;

        public async Task<Result<HeadwayUser>> HandleAsync(Request request, CancellationToken ct = default) =>
            SignInOutcome.Record(logger ?? (ILogger)NullLogger.Instance, "password", await CheckCountingAsync(request, ct));

        /// <summary>The check, refused up front while the address is paused, and counted against the address when it fails.</summary>
        private async Task<Result<HeadwayUser>> CheckCountingAsync(Request request, CancellationToken ct)
        {
            var limit = addressLimit?.Failures ?? 0;
            var key = limit > 0 && !string.IsNullOrEmpty(request.Address) ? Hash("address " + request.Address) : null;
            var now = clock.GetUtcNow();
            if (key is not null && await db.SignInThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is { LockedUntil: { } until }
                && until > now)
            {
                Decoy(request.Password ?? "");
                return Waiting(RefusalCodes.SignInPaused, until, now);
            }

            var result = await CheckAsync(request, ct);
            if (key is not null && !result.Succeeded && result.Refusal.Code is RefusalCodes.SignInFailed or RefusalCodes.LockedOut
                && !string.IsNullOrWhiteSpace(request.Email))
            {
                var row = await db.SignInThrottles.FirstOrDefaultAsync(t => t.Key == key, ct);
                if (row is null)
                {
                    row = new SignInThrottle { Key = key };
                    db.SignInThrottles.Add(row);
                }

                // Failures older than the span are forgotten; the pause lasts as long as an account's lock.
                var span = identity.Value.Lockout.DefaultLockoutTimeSpan;
                row.Failures = row.LastFailureAt < now - span ? 1 : row.Failures + 1;
                row.LastFailureAt = now;
                if (row.Failures >= limit)
                {
                    row.Failures = 0;
                    row.LockedUntil = now + span;
                }

                await db.SaveChangesAsync(ct);
            }

            return result;
        }

        private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        private async Task<Result<HeadwayUser>> CheckAsync(Request request, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            {
                return Refusal.Of(RefusalCodes.SignInFailed);
            }

            var user = await users.FindByEmailAsync(request.Email.Trim());
            if (user is null || !await Accounts.IsUsableAsync(db, user, ct))
            {
                Decoy(request.Password);
                return await UnknownFailedAsync(users.NormalizeEmail(request.Email.Trim()), ct);
            }

            if (await users.IsLockedOutAsync(user))
            {
                Decoy(request.Password);
                return Waiting(RefusalCodes.LockedOut, user.LockoutEnd ?? clock.GetUtcNow(), clock.GetUtcNow());
            }

            if (await users.CheckPasswordAsync(user, request.Password))
            {
                // The partner signs in through its identity provider only. Said only to whoever knows the password, so the
                // answer tells nobody else that the address has an account.
                if (user.PartnerId is { } partner && await db.Partners.AnyAsync(p => p.Id == partner && p.PasswordSignInDisabled, ct))
                {
                    return Refusal.Of(RefusalCodes.PasswordSignInDisabled);
                }

                // One write: the failures forgotten and the time of this sign-in, which administrators see.
                user.AccessFailedCount = 0;
                await Accounts.RecordSignInAsync(db, user, clock.GetUtcNow(), ct);
                return Result<HeadwayUser>.Ok(user);
            }

            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? Waiting(RefusalCodes.LockedOut, user.LockoutEnd ?? clock.GetUtcNow(), clock.GetUtcNow())
                : Refusal.Of(RefusalCodes.SignInFailed);
        }

        private void Decoy(string password)
        {
            var decoy = new HeadwayUser();
            s_decoy ??= hasher.HashPassword(decoy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            hasher.VerifyHashedPassword(decoy, s_decoy, password);
        }

        /// <summary>Counts a failure for an email without a usable account, as Identity counts one for an account.</summary>
        private async Task<Result<HeadwayUser>> UnknownFailedAsync(string normalizedEmail, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var key = Hash(normalizedEmail);
            var throttle = await db.SignInThrottles.FirstOrDefaultAsync(t => t.Key == key, ct);
            if (throttle?.LockedUntil is { } until && until > now)
            {
                return Waiting(RefusalCodes.LockedOut, until, now);
            }

            if (throttle is null)
            {
                // Rows of emails nobody tried for a day are forgotten, so guessing cannot fill the table.
                var stale = now.AddDays(-1);
                await db.SignInThrottles.Where(t => t.LastFailureAt < stale).ExecuteDeleteAsync(ct);
                throttle = new SignInThrottle { Key = key };
                db.SignInThrottles.Add(throttle);
            }

            var lockout = identity.Value.Lockout;
            throttle.Failures++;
            throttle.LastFailureAt = now;
            var locked = throttle.Failures >= lockout.MaxFailedAccessAttempts;
            if (locked)
            {
                throttle.Failures = 0;
                throttle.LockedUntil = now + lockout.DefaultLockoutTimeSpan;
            }

            await db.SaveChangesAsync(ct);
            return locked ? Waiting(RefusalCodes.LockedOut, throttle.LockedUntil!.Value, now) : Refusal.Of(RefusalCodes.SignInFailed);
        }
    }
}
