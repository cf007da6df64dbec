using Headway.Application.Data;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>
/// User and partner administration (`headway users|partners …`). Administrators only; a partner's
/// administrator manages only the partner's own users. Tenant assignment is <see cref="Tenants.AssignTenant"/>.
/// </summary>
public sealed class ManageUsers(HeadwayDbContext db, UserManager<HeadwayUser> users, ApiTokens tokens)
{
    public sealed record UserRow(string Email, Role Role, string? Partner, bool Disabled, bool LockedOut);

    public async Task<Result<HeadwayUser>> AddUserAsync(string email, string role, string? partnerName, string password, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        // One role by name: no numbers, no comma-combined flags, nothing undefined.
        if (!Enum.TryParse<Role>(role, ignoreCase: true, out var parsedRole) || !Enum.IsDefined(parsedRole) ||
            !role.Trim().All(char.IsLetter))
        {
            return Refusal.ForField("role", RefusalCodes.UnknownRole, role, string.Join(", ", Enum.GetNames<Role>()));
        }

        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            return Refusal.ForField("email", RefusalCodes.InvalidEmail, email);
        }

        long? partnerId = null;
        if (!string.IsNullOrWhiteSpace(partnerName))
        {
            // Only partners in the caller's scope are looked up, so a partner's administrator learns
            // nothing about which other partners exist.
            var partner = await VisiblePartners().FirstOrDefaultAsync(p => p.Name == partnerName.Trim(), ct);
            if (partner is null)
            {
                return Refusal.ForField("partner", RefusalCodes.UnknownPartner, partnerName);
            }

            partnerId = partner.Id;
        }

        // A partner's administrator can only add users of that partner.
        if (!db.Caller.IsProgrammeWide && partnerId != db.Caller.PartnerId)
        {
            return Refusal.Of(RefusalCodes.Forbidden);
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Another partner's user is reported as "not allowed", not as "exists".
            return !db.Caller.IsProgrammeWide && existing.PartnerId != db.Caller.PartnerId
                ? Refusal.Of(RefusalCodes.Forbidden)
                : Refusal.ForField("email", RefusalCodes.UserExists, email);
        }

        var user = new HeadwayUser { UserName = email, Email = email, EmailConfirmed = true, Role = parsedRole, PartnerId = partnerId, DisplayName = email };
        var created = await users.CreateAsync(user, password);
        return created.Succeeded
            ? Result<HeadwayUser>.Ok(user)
            : PasswordRefusals.From(created, "password", users.Options.Password.RequiredLength);
    }

    public async Task<Result<ApiTokens.Issued>> IssueTokenAsync(string email, CancellationToken ct = default)
    {
        var user = await FindAsync(email);
        if (!user.Succeeded)
        {
            return user.Refusal;
        }

        return Result<ApiTokens.Issued>.Ok(await tokens.IssueAsync(user.Value, "command line", ApiTokens.PersonalLifetime, ct));
    }

    public async Task<Result<IReadOnlyList<UserRow>>> ListAsync(CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var partners = await VisiblePartners().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var scope = db.Caller.PartnerId;
        var rows = await db.Users.AsNoTracking()
            .Where(u => db.Caller.IsProgrammeWide || u.PartnerId == scope)
            .OrderBy(u => u.Email)
            .ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return Result<IReadOnlyList<UserRow>>.Ok(rows.Select(u => new UserRow(u.Email!, u.Role,
            u.PartnerId is { } p && partners.TryGetValue(p, out var n) ? n : null, u.IsDisabled, u.LockoutEnd > now)).ToList());
    }

    /// <summary>Disables a user: no sign-in, no token, sessions end at the next check. Users are never deleted.</summary>
    public async Task<Result<HeadwayUser>> DisableAsync(string email, CancellationToken ct = default)
    {
        var found = await FindAsync(email);
        if (!found.Succeeded)
        {
            return found;
        }

        var user = found.Value;
        user.IsDisabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        return Result<HeadwayUser>.Ok(user);
    }

    /// <summary>
    /// Sets a user's password, as an administrator does for a user who cannot reset it by mail. The same policy as any new
    /// password; every session of the old one ends (a new security stamp) and a lockout ends too.
    /// </summary>
    public async Task<Result<HeadwayUser>> SetPasswordAsync(string email, string password, CancellationToken ct = default)
    {
        var found = await FindAsync(email);
        if (!found.Succeeded)
        {
            return found;
        }

        var user = found.Value;
        foreach (var validator in users.PasswordValidators)
        {
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } refused)
            {
                return PasswordRefusals.From(refused, "password", users.Options.Password.RequiredLength);
            }
        }

        // One write: the hash, the lockout and the new stamp together.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await users.UpdateSecurityStampAsync(user);
        return Result<HeadwayUser>.Ok(user);
    }

    public async Task<Result<Partner>> AddPartnerAsync(string name, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        if (!db.Caller.IsProgrammeWide)
        {
            return Refusal.Of(RefusalCodes.Forbidden);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            return Refusal.ForField("name", RefusalCodes.FieldTooLong, "name", "200");
        }

        if (await db.Partners.AnyAsync(p => p.Name == name.Trim(), ct))
        {
            return Refusal.ForField("name", RefusalCodes.PartnerExists, name.Trim());
        }

        var partner = new Partner { Name = name.Trim() };
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        return Result<Partner>.Ok(partner);
    }

    public async Task<Result<IReadOnlyList<Partner>>> ListPartnersAsync(CancellationToken ct = default) =>
        Forbidden() is { } forbidden
            ? forbidden
            : Result<IReadOnlyList<Partner>>.Ok(await VisiblePartners().AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct));

    private Refusal? Forbidden() => Permissions.Check(db.Caller, Permission.ManageUsers);

    private IQueryable<Partner> VisiblePartners() =>
        db.Caller.IsProgrammeWide ? db.Partners : db.Partners.Where(p => p.Id == db.Caller.PartnerId);

    private async Task<Result<HeadwayUser>> FindAsync(string email)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null || (!db.Caller.IsProgrammeWide && user.PartnerId != db.Caller.PartnerId))
        {
            return Refusal.ForField("email", RefusalCodes.UserNotFound, email);
        }

        return Result<HeadwayUser>.Ok(user);
    }
}
