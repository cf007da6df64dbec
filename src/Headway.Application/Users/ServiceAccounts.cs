using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Headway.Application.Data;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>
/// Service accounts: the clients other systems use, each with a name, a partner (or the centre) and scopes
/// (<see cref="ServiceScopes"/>). The one use case behind <c>/admin/service-accounts</c> and <c>/api/v1/service-accounts</c>.
/// A client gets a short-lived token with its id and secret (OAuth 2 client credentials, <see cref="TokenAsync"/>) or holds an
/// API key (<see cref="IssueKeyAsync"/>); either way each request acts as the account, so its writes carry its client id
/// in the history and the audit trail. Administrators only; a partner's administrator manages the partner's own.
/// </summary>
public sealed class ServiceAccounts(HeadwayDbContext db, UserManager<HeadwayUser> users, ApiTokens tokens, IPasswordHasher<HeadwayUser> hasher,
    TimeProvider clock)
{
    public const int MaxNameLength = 100;

    /// <summary>The prefix of every client id, so that a service account's name never looks like a person's email.</summary>
    public const string ClientIdPrefix = "svc-";

    /// <summary>How long a token from the client-credentials flow is valid.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>The longest an API key may be valid, in days; the default is 90.</summary>
    public const int MaxKeyDays = 365;

    public sealed record AccountRow(string Id, string ClientId, string Name, long? PartnerId, string? Partner, IReadOnlyList<string> Scopes, bool Disabled,
        DateTimeOffset? LastTokenAt, int ActiveKeys);

    /// <summary>A new service account: its name, scopes and partner (null: the centre; for a partner's administrator, their partner).</summary>
    public sealed record Creation(string? Name, IReadOnlyList<string>? Scopes, long? Partner);

    /// <summary>What to change; null leaves it as it is.</summary>
    public sealed record Change(IReadOnlyList<string>? Scopes = null, bool? Disabled = null);

    /// <summary>A client secret, shown once: only its hash is kept.</summary>
    public sealed record Secret(AccountRow Account, string ClientSecret);

    /// <summary>An API key, shown once: only its hash is kept.</summary>
    public sealed record Key(AccountRow Account, ApiTokens.Issued Issued);

    public async Task<Result<IReadOnlyList<AccountRow>>> ListAsync(CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var accounts = await InScope().AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        return Result<IReadOnlyList<AccountRow>>.Ok(await RowsAsync(accounts, ct));
    }

    public async Task<Result<AccountRow>> GetAsync(string id, CancellationToken ct = default)
    {
        var found = await FindAsync(id, ct);
        return found.Succeeded ? Result<AccountRow>.Ok((await RowsAsync([found.Value], ct))[0]) : found.Refusal;
    }

    /// <summary>Creates the account and its first client secret.</summary>
    public async Task<Result<Secret>> CreateAsync(Creation creation, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var name = creation.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            return Refusal.ForField("name", RefusalCodes.ServiceAccountNameRequired);
        }

        if (name.Length > MaxNameLength)
        {
            return Refusal.ForField("name", RefusalCodes.FieldTooLong, "name", MaxNameLength.ToString(CultureInfo.InvariantCulture));
        }

        var scopes = Scopes(creation.Scopes);
        if (!scopes.Succeeded)
        {
            return scopes.Refusal;
        }

        var (partner, partnerRefusal) = await ManageUsers.PartnerForAsync(db, creation.Partner ?? db.Caller.PartnerId, ct);
        if (partnerRefusal is not null)
        {
            return partnerRefusal;
        }

        if (await InScope().AnyAsync(u => u.DisplayName == name, ct))
        {
            return Refusal.ForField("name", RefusalCodes.ServiceAccountExists, name);
        }

        var clientId = ClientId(name);
        var account = new HeadwayUser
        {
            UserName = clientId,
            NormalizedUserName = users.NormalizeName(clientId),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            DisplayName = name,
            IsService = true,
            Scopes = scopes.Value,
            PartnerId = partner?.Id,
            // An administrator limited to some regions makes clients that see no more than they do.
            Regions = [.. db.Caller.Regions],
            Countries = [.. db.Caller.Countries],
            // The least a person's role allows: a service account's scopes decide what it may do, never this.
            Role = Role.ProductAnalyst,
            DigestFrequency = Notifications.DigestFrequency.Off,
        };
        var secret = NewSecret();
        account.ClientSecretHash = hasher.HashPassword(account, secret);
        // Not through UserManager.CreateAsync: that wants an email, and a service account has none. Its client id is unique by
        // its random part, and the unique index on the normalized user name backs that.
        db.Users.Add(account);
        await db.SaveChangesAsync(ct);
        return Result<Secret>.Ok(new Secret((await RowsAsync([account], ct))[0], secret));
    }

    /// <summary>Changes the scopes or disables and enables the account. Disabling revokes every token and key it holds.</summary>
    public async Task<Result<AccountRow>> UpdateAsync(string id, Change change, CancellationToken ct = default)
    {
        var found = await FindAsync(id, ct);
        if (!found.Succeeded)
        {
            return found.Refusal;
        }

        var account = found.Value;
        if (change.Scopes is not null)
        {
            var scopes = Scopes(change.Scopes);
            if (!scopes.Succeeded)
            {
                return scopes.Refusal;
            }

            account.Scopes = scopes.Value;
        }

        if (change.Disabled is { } disabled && disabled != account.IsDisabled)
        {
            account.IsDisabled = disabled;
            if (disabled)
            {
                await ManageUsers.RevokeTokensAsync(db, [account.Id], clock.GetUtcNow(), ct);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Of(RefusalCodes.UserChangedConcurrently);
        }

        return Result<AccountRow>.Ok((await RowsAsync([account], ct))[0]);
    }

    /// <summary>Replaces the client secret: the old one stops working at once, and so do the tokens it was exchanged for.</summary>
    public async Task<Result<Secret>> NewSecretAsync(string id, CancellationToken ct = default)
    {
        var found = await FindAsync(id, ct);
        if (!found.Succeeded)
        {
            return found.Refusal;
        }

        var account = found.Value;
        var secret = NewSecret();
        account.ClientSecretHash = hasher.HashPassword(account, secret);
        foreach (var token in await db.ApiTokens.Where(t => t.UserId == account.Id && t.RevokedAt == null && t.Name == ClientCredentials).ToListAsync(ct))
        {
            token.RevokedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        return Result<Secret>.Ok(new Secret((await RowsAsync([account], ct))[0], secret));
    }

    /// <summary>Issues an API key for the account, valid for <paramref name="days"/> (default 90, at most <see cref="MaxKeyDays"/>).</summary>
    public async Task<Result<Key>> IssueKeyAsync(string id, string? name, int? days, CancellationToken ct = default)
    {
        var found = await FindAsync(id, ct);
        if (!found.Succeeded)
        {
            return found.Refusal;
        }

        if (days is < 1 or > MaxKeyDays)
        {
            return Refusal.ForField("days", RefusalCodes.KeyLifetimeOutOfRange, MaxKeyDays.ToString(CultureInfo.InvariantCulture));
        }

        if (found.Value.IsDisabled)
        {
            return Refusal.Of(RefusalCodes.UserDisabled);
        }

        var keyName = string.IsNullOrWhiteSpace(name) ? "API key" : name.Trim();
        if (keyName.Length > MaxNameLength)
        {
            return Refusal.ForField("name", RefusalCodes.FieldTooLong, "name", MaxNameLength.ToString(CultureInfo.InvariantCulture));
        }

        var issued = await tokens.IssueAsync(found.Value, keyName, TimeSpan.FromDays(days ?? 90), ct);
        return Result<Key>.Ok(new Key((await RowsAsync([found.Value], ct))[0], issued));
    }

    /// <summary>
    /// The OAuth 2 client-credentials grant: a token valid for <see cref="AccessTokenLifetime"/> for a usable account whose
    /// secret matches. Every failure is the same <see cref="RefusalCodes.InvalidClient"/>, so nothing tells which part was wrong.
    /// </summary>
    public async Task<Result<ApiTokens.Issued>> TokenAsync(string? clientId, string? clientSecret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret) || clientId.Length > 256 || clientSecret.Length > 256)
        {
            return Refusal.Of(RefusalCodes.InvalidClient);
        }

        var normalized = users.NormalizeName(clientId);
        var account = await Accounts.Usable(db).FirstOrDefaultAsync(u => u.NormalizedUserName == normalized && u.IsService, ct);
        if (account?.ClientSecretHash is null
            || hasher.VerifyHashedPassword(account, account.ClientSecretHash, clientSecret) == PasswordVerificationResult.Failed)
        {
            return Refusal.Of(RefusalCodes.InvalidClient);
        }

        account.LastSignInAt = clock.GetUtcNow();
        return Result<ApiTokens.Issued>.Ok(await tokens.IssueAsync(account, ClientCredentials, AccessTokenLifetime, ct));
    }

    /// <summary>The name of the tokens the client-credentials grant issues.</summary>
    public const string ClientCredentials = "client-credentials";

    private Refusal? Forbidden() => Permissions.Check(db.Caller, Permission.ManageUsers);

    private IQueryable<HeadwayUser> InScope()
    {
        var scope = db.Caller.PartnerId;
        var services = db.Users.Where(u => u.IsService);
        return db.Caller.IsProgrammeWide ? services : services.Where(u => u.PartnerId == scope);
    }

    private async Task<Result<HeadwayUser>> FindAsync(string id, CancellationToken ct)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var account = string.IsNullOrWhiteSpace(id) || id.Length > 64 ? null : await InScope().FirstOrDefaultAsync(u => u.Id == id, ct);
        return account is null ? Refusal.Of(RefusalCodes.AccountNotFound) : Result<HeadwayUser>.Ok(account);
    }

    /// <summary>Known scopes, at least one, without repeats, in <see cref="ServiceScopes.All"/>'s order.</summary>
    private static Result<List<string>> Scopes(IReadOnlyList<string>? scopes)
    {
        var given = (scopes ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
        if (given.FirstOrDefault(s => !ServiceScopes.All.Contains(s, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return Refusal.ForField("scopes", RefusalCodes.UnknownChoice, unknown, string.Join(", ", ServiceScopes.All));
        }

        return given.Count == 0
            ? Refusal.ForField("scopes", RefusalCodes.NoScopes)
            : Result<List<string>>.Ok(ServiceScopes.All.Where(s => given.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList());
    }

    /// <summary>"svc-" and the name's letters and digits (ASCII, lower case), then a short random part so that ids never repeat.</summary>
    private static string ClientId(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var stem = slug.ToString().Trim('-');
        stem = stem.Length > 40 ? stem[..40].TrimEnd('-') : stem;
        var suffix = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        return ClientIdPrefix + (stem.Length == 0 ? "" : stem + "-") + suffix;
    }

    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private async Task<List<AccountRow>> RowsAsync(IReadOnlyList<HeadwayUser> accounts, CancellationToken ct)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var now = clock.GetUtcNow();
        var keys = await db.ApiTokens.AsNoTracking().Where(t => ids.Contains(t.UserId) && t.RevokedAt == null && t.Name != ClientCredentials)
            .Select(t => new { t.UserId, t.ExpiresAt }).ToListAsync(ct);
        var partnerIds = accounts.Select(a => a.PartnerId).OfType<long>().Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return accounts.Select(a => new AccountRow(a.Id, a.UserName!, a.DisplayName ?? a.UserName!, a.PartnerId,
            a.PartnerId is { } p && partners.TryGetValue(p, out var n) ? n : null, a.Scopes, a.IsDisabled, a.LastSignInAt,
            keys.Count(k => k.UserId == a.Id && k.ExpiresAt > now))).ToList();
    }
}
