using System.Security.Cryptography;
using System.Text;
using Headway.Application.Data;
using Headway.Application.Telemetry;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Headway.Application.Users;

/// <summary>
/// Checks an email and password, the same way for the sign-in page and the token endpoint. An email that names no
/// usable account (unknown, disabled, or of a deactivated partner) is answered exactly like a wrong password: one password hash is verified
/// either way, so the answer takes as long, and its failures are counted and lock it after as many attempts and for
/// as long as a real account's, so nobody can learn from the answers which emails have accounts.
/// </summary>
public static class CheckSignIn
{
    public sealed record Request(string? Email, string? Password);

    public sealed class Handler(UserManager<HeadwayUser> users, IPasswordHasher<HeadwayUser> hasher, HeadwayDbContext db,
        IOptions<IdentityOptions> identity, TimeProvider clock, ILogger<Handler>? logger = null)
    {
        /// <summary>A hash of a random password, verified in place of a real one: the same work, never a match.</summary>
        private static string? s_decoy;

        public async Task<Result<HeadwayUser>> HandleAsync(Request request, CancellationToken ct = default) =>
            SignInOutcome.Record(logger ?? (ILogger)NullLogger.Instance, "password", await CheckAsync(request, ct));

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
                return Refusal.Of(RefusalCodes.LockedOut);
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
            return await users.IsLockedOutAsync(user) ? Refusal.Of(RefusalCodes.LockedOut) : Refusal.Of(RefusalCodes.SignInFailed);
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
            var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));
            var throttle = await db.SignInThrottles.FirstOrDefaultAsync(t => t.Key == key, ct);
            if (throttle?.LockedUntil > now)
            {
                return Refusal.Of(RefusalCodes.LockedOut);
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
            return Refusal.Of(locked ? RefusalCodes.LockedOut : RefusalCodes.SignInFailed);
        }
    }
}
