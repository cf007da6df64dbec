using System.ComponentModel.DataAnnotations;
using Headway.Application.Data;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>Where a user stands: invited (no password yet), active, or disabled.</summary>
public enum UserState
{
    Active,
    Invited,
    Disabled,
}

/// <summary>
/// User administration, the one use case behind the administration pages, <c>/api/v1/users</c> and <c>headway users</c>:
/// find users, invite one, change a role, partner or name, disable and enable, send a link to set a new password, and
/// (the command line) add a user with a password. Administrators only; a partner's administrator sees and changes only
/// the partner's own users, and another partner's user is "not found". Users are never deleted. Tenant assignment is
/// <see cref="Tenants.AssignTenant"/>; partners are <see cref="ManagePartners"/>.
/// </summary>
public sealed class ManageUsers(HeadwayDbContext db, UserManager<HeadwayUser> users, ApiTokens tokens, IAccountMailer mailer,
    ResetPassword.Settings links, WorkloadCatalogue workloads, TimeProvider clock)
{
    public const int MaxDisplayNameLength = 200;

    public sealed record UserRow(string Id, string Email, string? DisplayName, Role Role, long? PartnerId, string? Partner, UserState State,
        bool LockedOut, DateTimeOffset? LastSignInAt, string? Language, IReadOnlyList<string> Regions, IReadOnlyList<string> Countries,
        IReadOnlyList<string> StatusWorkloads);

    /// <summary>A search of the users in the caller's scope, every part optional: <c>Search</c> is part of the email or the name, in any case.</summary>
    /// <remarks><c>After</c>: From a next link: the users after this normalized e-mail address (the list's order), whatever was added before it.</remarks>
    public sealed record Query(string? Search = null, Role? Role = null, long? PartnerId = null, UserState? State = null, int? Page = null, int? PageSize = null,
        string? After = null);

    /// <summary>
    /// Whom to invite. <c>Partner</c> is the partner's id, null for the programme centre (for a partner's administrator:
    /// their own partner); <c>Language</c> is the language of the mail and the user's first choice in the portal.
    /// </summary>
    public sealed record Invitation(string? Email, string? DisplayName, string? Role, long? Partner, string? Language,
        IReadOnlyList<string>? Regions = null, IReadOnlyList<string>? Countries = null);

    /// <summary>
    /// What to change; null leaves a field as it is. <paramref name="Partner"/> counts only with <paramref name="ChangePartner"/>.
    /// <paramref name="Regions"/> and <paramref name="Countries"/> replace the user's geography (both empty: every region).
    /// <paramref name="StatusWorkloads"/> replaces the workloads whose status notes an engineer or architect writes on the
    /// tenants of their account team (empty: none).
    /// </summary>
    public sealed record Change(string? Role = null, bool ChangePartner = false, long? Partner = null, bool? Disabled = null, string? DisplayName = null,
        IReadOnlyList<string>? Regions = null, IReadOnlyList<string>? Countries = null, IReadOnlyList<string>? StatusWorkloads = null);

    /// <summary>
    /// A link that sets a password: mailed to the user, or — with no mail server, or one that refused the mail
    /// (<see cref="MailFailed"/>) — the token for the administrator to hand over (<see cref="Token"/>), once, never stored.
    /// <see cref="IsInvitation"/> tells which page it opens.
    /// </summary>
    public sealed record PasswordLink(UserRow User, bool Mailed, string? Token, bool IsInvitation, DateTimeOffset ExpiresAt, bool MailFailed = false);

    public async Task<Result<Page<UserRow>>> FindAsync(Query query, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var (page, size) = Paging.Clamp(query.Page, query.PageSize);
        var rows = InScope();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Translated to SQL (upper() on both databases): a StringComparison overload would not be.
            var search = query.Search.Trim().ToUpperInvariant();
#pragma warning disable CA1862
            rows = rows.Where(u => u.NormalizedEmail!.Contains(search) || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(search)));
#pragma warning restore CA1862
        }

        if (query.Role is { } role)
        {
            rows = rows.Where(u => u.Role == role);
        }

        if (query.PartnerId is { } partner)
        {
            rows = rows.Where(u => u.PartnerId == partner);
        }

        rows = query.State switch
        {
            UserState.Disabled => rows.Where(u => u.IsDisabled),
            UserState.Invited => rows.Where(u => !u.IsDisabled && u.PasswordHash == null && u.ExternalProvider == null),
            UserState.Active => rows.Where(u => !u.IsDisabled && (u.PasswordHash != null || u.ExternalProvider != null)),
            _ => rows,
        };

        // The order is one unique key, so a next link carries the last address read: a user invited meanwhile shifts nothing.
        var ordered = rows.AsNoTracking().OrderBy(u => u.NormalizedEmail);
        var found = await (query.After is { } after
                ? ordered.Where(u => string.Compare(u.NormalizedEmail, after) > 0)
                : ordered.Skip((page - 1) * size)).Take(size).ToListAsync(ct);
        var total = query.After is null ? await Paging.TotalAsync(page, size, found.Count, rows.CountAsync, ct) : await rows.CountAsync(ct);
        var names = await PartnerNamesAsync(ct);
        var more = found.Count == size && (query.After is not null || (long)page * size < total);
        return Result<Page<UserRow>>.Ok(new Page<UserRow>(found.Select(u => Row(u, names)).ToList(), page, size, total)
        {
            Next = more ? new PageCursor(page + 1, found[^1].NormalizedEmail!) : null,
        });
    }

    public async Task<Result<UserRow>> GetAsync(string id, CancellationToken ct = default)
    {
        var found = await FindByIdAsync(id, ct);
        return found.Succeeded ? Result<UserRow>.Ok(Row(found.Value, await PartnerNamesAsync(ct))) : found.Refusal;
    }

    /// <summary>
    /// Creates a user without a password and sends an invitation to set one, valid for
    /// <c>Security:InvitationLinkLifetime</c> and once; with no mail server the link is given to the administrator.
    /// </summary>
    public async Task<Result<PasswordLink>> InviteAsync(Invitation invitation, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var email = invitation.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            return Refusal.ForField("email", RefusalCodes.EmailRequired);
        }

        if (email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            return Refusal.ForField("email", RefusalCodes.InvalidEmail, email);
        }

        if (ParseRole(invitation.Role) is not { } role)
        {
            return UnknownRole(invitation.Role);
        }

        if (DisplayName(invitation.DisplayName) is { } nameRefusal)
        {
            return nameRefusal;
        }

        var geography = WithinCaller(Geography(invitation.Regions ?? [], invitation.Countries ?? []));
        if (!geography.Succeeded)
        {
            return geography.Refusal;
        }

        var (partner, partnerRefusal) = await PartnerForAsync(invitation.Partner ?? db.Caller.PartnerId, ct);
        if (partnerRefusal is not null)
        {
            return partnerRefusal;
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Another partner's user is reported as "not allowed", not as "exists".
            return !db.Caller.IsProgrammeWide && existing.PartnerId != db.Caller.PartnerId
                ? Refusal.Of(RefusalCodes.Forbidden)
                : Refusal.ForField("email", RefusalCodes.UserExists, email);
        }

        var language = SupportedLanguages.Normalize(string.IsNullOrWhiteSpace(invitation.Language) ? "en" : invitation.Language);
        var user = new HeadwayUser
        {
            UserName = email,
            Email = email,
            Role = role,
            PartnerId = partner?.Id,
            Language = language,
            DisplayName = string.IsNullOrWhiteSpace(invitation.DisplayName) ? email : invitation.DisplayName.Trim(),
            Regions = geography.Value.Regions,
            Countries = geography.Value.Countries,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return Refusal.ForField("email", RefusalCodes.InvalidEmail, email);
        }

        return await LinkAsync(user, ct);
    }

    public async Task<Result<UserRow>> UpdateAsync(string id, Change change, CancellationToken ct = default)
    {
        var found = await FindByIdAsync(id, ct);
        if (!found.Succeeded)
        {
            return found.Refusal;
        }

        var user = found.Value;
        Role? role = null;
        if (change.Role is not null)
        {
            role = ParseRole(change.Role);
            if (role is null)
            {
                return UnknownRole(change.Role);
            }
        }

        if (DisplayName(change.DisplayName) is { } nameRefusal)
        {
            return nameRefusal;
        }

        var geography = Geography(change.Regions ?? user.Regions, change.Countries ?? user.Countries);
        if (geography.Succeeded && (change.Regions is not null || change.Countries is not null))
        {
            geography = WithinCaller(geography);
        }

        if (!geography.Succeeded)
        {
            return geography.Refusal;
        }

        var writes = StatusWorkloads(change.StatusWorkloads ?? user.StatusWorkloads, role ?? user.Role, change.StatusWorkloads is not null);
        if (!writes.Succeeded)
        {
            return writes.Refusal;
        }

        var newRole = role is { } r && r != user.Role;
        var newPartner = change.ChangePartner && change.Partner != user.PartnerId;
        var newState = change.Disabled is { } disabled && disabled != user.IsDisabled;
        var newName = change.DisplayName is { } name && !string.IsNullOrWhiteSpace(name) && name.Trim() != user.DisplayName;
        var newGeography = !geography.Value.Regions.SequenceEqual(user.Regions) || !geography.Value.Countries.SequenceEqual(user.Countries);
        var newWrites = !writes.Value.SequenceEqual(user.StatusWorkloads);
        // An invited user has no session to end, and a new stamp would void their invitation link: new workloads alone keep it.
        var newScope = newRole || newPartner || newState || newGeography || (newWrites && !user.IsInvited);
        if (!newScope && !newName && !newWrites)
        {
            return change is { Role: null, ChangePartner: false, Disabled: null, DisplayName: null, Regions: null, Countries: null, StatusWorkloads: null }
                ? Refusal.Of(RefusalCodes.NoUserChange)
                : Result<UserRow>.Ok(Row(user, await PartnerNamesAsync(ct)));
        }

        // An administrator cannot lock themselves out or take away their own rights.
        if (newScope && string.Equals(user.UserName, db.Caller.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Of(RefusalCodes.OwnAccount);
        }

        if (newPartner)
        {
            // A partner's administrator cannot move a user out of the partner (or into another).
            if (!db.Caller.IsProgrammeWide)
            {
                return Refusal.Of(RefusalCodes.Forbidden);
            }

            var (partner, partnerRefusal) = await PartnerForAsync(change.Partner, ct);
            if (partnerRefusal is not null)
            {
                return partnerRefusal;
            }

            user.PartnerId = partner?.Id;
            await LeaveTeamsAsync(user.Email!, ct);
        }

        user.Role = role ?? user.Role;
        user.IsDisabled = change.Disabled ?? user.IsDisabled;
        if (newGeography)
        {
            user.Regions = geography.Value.Regions;
            user.Countries = geography.Value.Countries;
        }

        user.StatusWorkloads = newWrites ? [.. writes.Value] : user.StatusWorkloads;
        user.DisplayName = newName ? change.DisplayName!.Trim() : user.DisplayName;
        if (newState && user.IsDisabled)
        {
            // A disabled user's tokens are revoked, not only refused: enabling the user later does not bring them back.
            await RevokeTokensAsync(db, [user.Id], clock.GetUtcNow(), ct);
        }

        try
        {
            if (newScope)
            {
                // The role, partner and geography travel in the sign-in cookie: a new stamp ends every session, so the next request
                // signs in again with what the user now is (a disabled user cannot). One write with the tokens.
                if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
                {
                    return Refusal.Of(RefusalCodes.UserChangedConcurrently);
                }
            }
            else
            {
                await db.SaveChangesAsync(ct);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Of(RefusalCodes.UserChangedConcurrently);
        }

        return Result<UserRow>.Ok(Row(user, await PartnerNamesAsync(ct)));
    }

    /// <summary>
    /// Sends a user a link to set a new password (an invited user who has none: the invitation again), or gives it to the
    /// administrator when no mail server is configured. The password stays as it is until the link is followed.
    /// </summary>
    public async Task<Result<PasswordLink>> SendPasswordLinkAsync(string id, CancellationToken ct = default)
    {
        var found = await FindByIdAsync(id, ct);
        if (!found.Succeeded)
        {
            return found.Refusal;
        }

        return found.Value.IsDisabled ? Refusal.Of(RefusalCodes.UserDisabled, found.Value.Email!) : await LinkAsync(found.Value, ct);
    }

    /// <summary>The partners a user of the caller's may belong to: every active one, or the caller's own.</summary>
    public async Task<Result<IReadOnlyList<Partner>>> PartnersAsync(CancellationToken ct = default) =>
        Forbidden() is { } forbidden
            ? forbidden
            : Result<IReadOnlyList<Partner>>.Ok(await VisiblePartners().AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct));

    /// <summary>The command line's way in: a user with a password set at once (no invitation).</summary>
    public async Task<Result<HeadwayUser>> AddUserAsync(string email, string role, string? partnerName, string password, CancellationToken ct = default)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        if (ParseRole(role) is not { } parsedRole)
        {
            return UnknownRole(role);
        }

        if (!new EmailAddressAttribute().IsValid(email))
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
        var user = await FindByEmailAsync(email);
        if (!user.Succeeded)
        {
            return user.Refusal;
        }

        return Result<ApiTokens.Issued>.Ok(await tokens.IssueAsync(user.Value, "command line", ApiTokens.PersonalLifetime, ct));
    }

    /// <summary>Disables (or enables) the user with this email: the command line's form of <see cref="UpdateAsync"/>.</summary>
    public async Task<Result<UserRow>> SetDisabledAsync(string email, bool disabled, CancellationToken ct = default)
    {
        var user = await FindByEmailAsync(email);
        return user.Succeeded ? await UpdateAsync(user.Value.Id, new Change(Disabled: disabled), ct) : user.Refusal;
    }

    /// <summary>
    /// Sets a user's password, as an administrator does for a user who cannot reset it by mail. The same policy as any new
    /// password; every session of the old one ends (a new security stamp) and a lockout ends too.
    /// </summary>
    public async Task<Result<HeadwayUser>> SetPasswordAsync(string email, string password, CancellationToken ct = default)
    {
        var found = await FindByEmailAsync(email);
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

    private async Task<Result<PasswordLink>> LinkAsync(HeadwayUser user, CancellationToken ct)
    {
        var invitation = user.IsInvited;
        var lifetime = invitation ? links.InvitationLifetime : links.LinkLifetime;
        var token = invitation
            ? await users.GenerateUserTokenAsync(user, ResetPassword.Invitations.Provider, ResetPassword.Invitations.Purpose)
            : await users.GeneratePasswordResetTokenAsync(user);
        var expires = clock.GetUtcNow() + lifetime;
        var row = Row(user, await PartnerNamesAsync(ct));
        if (!mailer.IsConfigured)
        {
            return Result<PasswordLink>.Ok(new PasswordLink(row, false, token, invitation, expires));
        }

        var to = new AccountMailRecipient(user.Email!, user.DisplayName, user.Language ?? "en");
        try
        {
            if (invitation)
            {
                await mailer.SendInvitationAsync(to, token, lifetime, db.Caller.UserName, user.Role, ct);
            }
            else
            {
                await mailer.SendPasswordResetAsync(to, token, lifetime, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The mail server did not take it: the administrator is given the link instead, and told why.
            return Result<PasswordLink>.Ok(new PasswordLink(row, false, token, invitation, expires, MailFailed: true));
        }

        return Result<PasswordLink>.Ok(new PasswordLink(row, true, null, invitation, expires));
    }

    /// <summary>Revokes every live token of these users (tracked: saved with the caller's next write).</summary>
    internal static async Task RevokeTokensAsync(HeadwayDbContext db, IReadOnlyList<string> userIds, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var token in await db.ApiTokens.Where(t => userIds.Contains(t.UserId) && t.RevokedAt == null).ToListAsync(ct))
        {
            token.RevokedAt = now;
        }
    }

    private Refusal? Forbidden() => Permissions.Check(db.Caller, Permission.ManageUsers);

    private IQueryable<HeadwayUser> InScope()
    {
        // People only: service accounts are administered by ServiceAccounts.
        var scope = db.Caller.PartnerId;
        var people = db.Users.Where(u => !u.IsService);
        return db.Caller.IsProgrammeWide ? people : people.Where(u => u.PartnerId == scope);
    }

    private IQueryable<Partner> VisiblePartners() =>
        db.Caller.IsProgrammeWide ? db.Partners : db.Partners.Where(p => p.Id == db.Caller.PartnerId);

    private async Task<Dictionary<long, string>> PartnerNamesAsync(CancellationToken ct) =>
        await VisiblePartners().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);

    /// <summary>The partner a user is given: null for the programme centre; refused when unknown, inactive or not the caller's.</summary>
    private Task<(Partner? Partner, Refusal? Refusal)> PartnerForAsync(long? id, CancellationToken ct) => PartnerForAsync(db, id, ct);

    /// <summary>
    /// The partner an account is made in or moved to: any active partner or the centre (null) for the centre's
    /// administrators, their own partner for a partner's.
    /// </summary>
    internal static async Task<(Partner? Partner, Refusal? Refusal)> PartnerForAsync(HeadwayDbContext db, long? id, CancellationToken ct)
    {
        if (id is null)
        {
            // Only the programme centre's administrators make programme-wide users.
            return db.Caller.IsProgrammeWide ? (null, null) : (null, Refusal.Of(RefusalCodes.Forbidden));
        }

        if (!db.Caller.IsProgrammeWide && id != db.Caller.PartnerId)
        {
            return (null, Refusal.Of(RefusalCodes.Forbidden));
        }

        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (partner is null)
        {
            return (null, Refusal.ForField("partner", RefusalCodes.UnknownPartner, id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return partner.DeactivatedAt is null ? (partner, null) : (null, Refusal.ForField("partner", RefusalCodes.PartnerInactive, partner.Name));
    }

    private async Task<Result<HeadwayUser>> FindByIdAsync(string id, CancellationToken ct)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        var user = string.IsNullOrWhiteSpace(id) || id.Length > 64 ? null : await InScope().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? Refusal.Of(RefusalCodes.AccountNotFound) : Result<HeadwayUser>.Ok(user);
    }

    private async Task<Result<HeadwayUser>> FindByEmailAsync(string email)
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

    /// <summary>One role by name: no numbers, no comma-combined flags, nothing undefined.</summary>
    private static Role? ParseRole(string? role) =>
        role is not null && role.Trim().Length > 0 && role.Trim().All(char.IsLetter)
            && Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : null;

    private static Refusal UnknownRole(string? role) =>
        Refusal.ForField("role", RefusalCodes.UnknownRole, role ?? "", string.Join(", ", Enum.GetNames<Role>()));

    /// <summary>
    /// The regions and countries as stored: known codes in the data file's spelling, without repeats, in a stable order;
    /// an unknown one is refused by name.
    /// </summary>
    private static Result<(List<string> Regions, List<string> Countries)> Geography(IReadOnlyList<string> regions, IReadOnlyList<string> countries)
    {
        var geography = Domain.Taxonomy.Geography.Default;
        var knownRegions = new List<string>();
        foreach (var region in regions.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()))
        {
            if (geography.Regions.FirstOrDefault(k => string.Equals(k, region, StringComparison.OrdinalIgnoreCase)) is not { } known)
            {
                return Refusal.ForField("regions", RefusalCodes.UnknownRegion, region);
            }

            knownRegions.Add(known);
        }

        var knownCountries = new List<string>();
        foreach (var country in countries.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()))
        {
            if (geography.FindCountry(country) is not { } known)
            {
                return Refusal.ForField("countries", RefusalCodes.UnknownCountry, country);
            }

            knownCountries.Add(known.Code);
        }

        return Result<(List<string>, List<string>)>.Ok((
            geography.Regions.Where(knownRegions.Contains).ToList(),
            knownCountries.Distinct().Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>
    /// A geography an administrator may give: anything for one who sees every region; for one limited to some, a part of
    /// their own (none asked for: exactly theirs). Nobody hands out more than they see.
    /// </summary>
    private Result<(List<string> Regions, List<string> Countries)> WithinCaller(Result<(List<string> Regions, List<string> Countries)> geography)
    {
        var caller = db.Caller;
        if (!geography.Succeeded || !caller.IsGeographyLimited)
        {
            return geography;
        }

        var (regions, countries) = geography.Value;
        if (regions.Count + countries.Count == 0)
        {
            return Result<(List<string>, List<string>)>.Ok(([.. caller.Regions], [.. caller.Countries]));
        }

        var known = Domain.Taxonomy.Geography.Default;
        var beyond = regions.FirstOrDefault(r => !caller.Regions.Contains(r, StringComparer.OrdinalIgnoreCase))
            ?? countries.FirstOrDefault(c => !caller.Covers(known.FindCountry(c)?.Region ?? "", c));
        return beyond is null ? geography : Refusal.ForField("regions", RefusalCodes.GeographyBeyondYours, beyond);
    }

    /// <summary>A refusal for a name too long; null when it may be kept.</summary>
    private static Refusal? DisplayName(string? name) =>
        name is { } n && n.Trim().Length > MaxDisplayNameLength
            ? Refusal.ForField("displayName", RefusalCodes.FieldTooLong, "displayName", MaxDisplayNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;

    private UserRow Row(HeadwayUser u, IReadOnlyDictionary<long, string> partners) => new(u.Id, u.Email!, u.DisplayName, u.Role, u.PartnerId,
        u.PartnerId is { } p && partners.TryGetValue(p, out var n) ? n : null,
        u.IsDisabled ? UserState.Disabled : u.IsInvited ? UserState.Invited : UserState.Active,
        u.LockoutEnd > clock.GetUtcNow(), u.LastSignInAt, u.Language, u.Regions, u.Countries, u.StatusWorkloads);

    /// <summary>
    /// The workloads a user writes status notes for, checked: known codes (spelled as the catalogue does, each once), and only
    /// for engineers and architects, the subject-matter experts of the guidance. A user whose role changes to another loses
    /// them, unless the change names some (then refused).
    /// </summary>
    private Result<IReadOnlyList<string>> StatusWorkloads(IReadOnlyList<string> codes, Role role, bool asked)
    {
        if (role is not (Role.Engineer or Role.Architect))
        {
            return asked && codes.Count > 0 ? Refusal.ForField("statusWorkloads", RefusalCodes.StatusWritersAreExperts) : Result<IReadOnlyList<string>>.Ok([]);
        }

        return KnownWorkloads(workloads, codes);
    }

    /// <summary>
    /// A user who moves to another partner leaves the account teams and SME teams of the old one (saved with the move): a team
    /// comes from one organisation.
    /// </summary>
    private async Task LeaveTeamsAsync(string email, CancellationToken ct)
    {
        foreach (var tenant in await db.Tenants.Where(t => t.AccountTeam.Contains(email)).ToListAsync(ct))
        {
            tenant.AccountTeam = [.. tenant.AccountTeam.Where(m => !string.Equals(m, email, StringComparison.OrdinalIgnoreCase))];
        }

        foreach (var team in await db.SmeTeams.Where(t => t.Members.Contains(email)).ToListAsync(ct))
        {
            team.Members = [.. team.Members.Where(m => !string.Equals(m, email, StringComparison.OrdinalIgnoreCase))];
        }
    }

    /// <summary>Workloads whose status notes someone writes: entitlement workloads of the catalogue, spelled as it does, each once.</summary>
    internal static Result<IReadOnlyList<string>> KnownWorkloads(WorkloadCatalogue workloads, IReadOnlyList<string> codes)
    {
        var known = new List<string>();
        foreach (var code in codes)
        {
            if (workloads.Find(code?.Trim()) is not { IsEntitlement: true } workload)
            {
                return Refusal.ForField("statusWorkloads", RefusalCodes.UnknownWorkload, code ?? "");
            }

            if (!known.Contains(workload.Code))
            {
                known.Add(workload.Code);
            }
        }

        return Result<IReadOnlyList<string>>.Ok(known);
    }
}
