using Headway.Application.Data;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>
/// The partners: list them with their users and tenants, add one, rename one, deactivate and reactivate. Only the
/// programme centre's administrators; a deactivated partner's users can no longer sign in or use a token (their
/// sessions end at the next check), and everything the partner's users wrote stays.
/// </summary>
public sealed class ManagePartners(HeadwayDbContext db, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public sealed record PartnerRow(long Id, string Name, DateTimeOffset? DeactivatedAt, int Users, int Tenants, bool PasswordSignInDisabled = false)
    {
        public bool Active => DeactivatedAt is null;
    }

    /// <summary>What to change; null leaves a field as it is.</summary>
    /// <summary>What to change; null leaves a field as it is. <paramref name="PasswordSignIn"/> false: the partner's users sign in only through its identity provider.</summary>
    public sealed record Change(string? Name = null, bool? Active = null, bool? PasswordSignIn = null);

    public async Task<Result<IReadOnlyList<PartnerRow>>> ListAsync(CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var userCounts = await db.Users.Where(u => u.PartnerId != null).GroupBy(u => u.PartnerId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var tenantCounts = await db.Tenants.Where(t => t.PartnerId != null).GroupBy(t => t.PartnerId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return Result<IReadOnlyList<PartnerRow>>.Ok(partners
            .Select(p => new PartnerRow(p.Id, p.Name, p.DeactivatedAt, userCounts.GetValueOrDefault(p.Id), tenantCounts.GetValueOrDefault(p.Id),
                p.PasswordSignInDisabled))
            .ToList());
    }

    public async Task<Result<PartnerRow>> GetAsync(long id, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return partner is null ? Refusal.Of(RefusalCodes.PartnerNotFound) : Result<PartnerRow>.Ok(await RowAsync(partner, ct));
    }

    public async Task<Result<PartnerRow>> AddAsync(string? name, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var (trimmed, refusal) = await CheckNameAsync(name, null, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var partner = new Partner { Name = trimmed! };
        db.Partners.Add(partner);
        if (await SaveAsync(partner.Name, ct) is { } conflict)
        {
            return conflict;
        }

        return Result<PartnerRow>.Ok(new PartnerRow(partner.Id, partner.Name, null, 0, 0));
    }

    public async Task<Result<PartnerRow>> UpdateAsync(long id, Change change, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (partner is null)
        {
            return Refusal.Of(RefusalCodes.PartnerNotFound);
        }

        if (change is { Name: null, Active: null, PasswordSignIn: null })
        {
            return Refusal.Of(RefusalCodes.NoUserChange);
        }

        if (change.Name is not null)
        {
            var (trimmed, refusal) = await CheckNameAsync(change.Name, id, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            partner.Name = trimmed!;
        }

        if (change.Active is { } active && active != (partner.DeactivatedAt is null))
        {
            partner.DeactivatedAt = active ? null : clock.GetUtcNow();
            if (!active)
            {
                // Every session of the partner's users ends at its next check (a new security stamp each), and their
                // tokens are revoked, so reactivating the partner does not bring them back.
                var members = await db.Users.Where(u => u.PartnerId == id).ToListAsync(ct);
                foreach (var user in members)
                {
                    user.SecurityStamp = Guid.NewGuid().ToString("N");
                }

                await ManageUsers.RevokeTokensAsync(db, members.Select(u => u.Id).ToList(), clock.GetUtcNow(), ct);
            }
        }

        if (change.PasswordSignIn is { } passwords)
        {
            partner.PasswordSignInDisabled = !passwords;
        }

        if (await SaveAsync(partner.Name, ct) is { } conflict)
        {
            return conflict;
        }

        return Result<PartnerRow>.Ok(await RowAsync(partner, ct));
    }

    private Refusal? Forbidden() => Permissions.Check(db.Caller, Permission.ManagePartners);

    /// <summary>Saves; a name taken at the same moment, or a user changed meanwhile, is a refusal rather than a fault.</summary>
    private async Task<Refusal?> SaveAsync(string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Of(RefusalCodes.UserChangedConcurrently);
        }
        catch (DbUpdateException e) when (e.InnerException is System.Data.Common.DbException inner && HeadwayDatabase.IsUniqueViolation(inner))
        {
            db.ChangeTracker.Clear();
            return Refusal.ForField("name", RefusalCodes.PartnerExists, name);
        }
    }

    private async Task<PartnerRow> RowAsync(Partner partner, CancellationToken ct) => new(partner.Id, partner.Name, partner.DeactivatedAt,
        await db.Users.CountAsync(u => u.PartnerId == partner.Id, ct), await db.Tenants.CountAsync(t => t.PartnerId == partner.Id, ct),
        partner.PasswordSignInDisabled);

    private async Task<(string? Name, Refusal? Refusal)> CheckNameAsync(string? name, long? except, CancellationToken ct)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            return (null, Refusal.ForField("name", RefusalCodes.PartnerNameRequired));
        }

        return await db.Partners.AnyAsync(p => p.Name == trimmed && p.Id != except, ct)
            ? (null, Refusal.ForField("name", RefusalCodes.PartnerExists, trimmed))
            : (trimmed, null);
    }
}
