using System.Globalization;
using Headway.Application.Data;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>
/// SME teams, the one use case behind the SME teams page and <c>/api/v1/sme-teams</c>: list, add, change (name, workloads,
/// members) and remove. Administrators only; a partner's administrator sees and keeps the partner's own teams, with the
/// partner's engineers and architects. A change renews the security stamp of everyone who joins or leaves, or whose team's
/// workloads change, so their sessions pick up what they may write (<see cref="WorkloadsOfAsync"/>).
/// </summary>
public sealed class ManageSmeTeams(HeadwayDbContext db, UserManager<HeadwayUser> users, WorkloadCatalogue workloads)
{
    public const int MaxNameLength = 100;

    /// <summary>The most members a team has.</summary>
    public const int MaxMembers = 200;

    /// <summary>A team as administrators see it; <c>Partner</c> is null for the programme centre.</summary>
    public sealed record Row(long Id, string Name, long? PartnerId, string? Partner, IReadOnlyList<string> Workloads, IReadOnlyList<string> Members);

    /// <summary>
    /// What a new team is, or what changes (null: as it is). <c>Partner</c> counts for a new team only (null: the caller's own,
    /// the centre for the centre's administrators).
    /// </summary>
    public sealed record Input(string? Name, IReadOnlyList<string>? Workloads, IReadOnlyList<string>? Members, long? Partner = null);

    public async Task<Result<IReadOnlyList<Row>>> ListAsync(CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageUsers) is { } forbidden)
        {
            return forbidden;
        }

        var teams = await db.SmeTeams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var partners = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return Result<IReadOnlyList<Row>>.Ok(teams.Select(t => RowOf(t, partners)).ToList());
    }

    public async Task<Result<Row>> AddAsync(Input input, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageUsers) is { } forbidden)
        {
            return forbidden;
        }

        var (partner, partnerRefusal) = await ManageUsers.PartnerForAsync(db, input.Partner ?? db.Caller.PartnerId, ct);
        if (partnerRefusal is not null)
        {
            return partnerRefusal;
        }

        var team = new SmeTeam { Name = "", PartnerId = partner?.Id };
        return await SaveAsync(team, input with { Name = input.Name ?? "", Workloads = input.Workloads ?? [], Members = input.Members ?? [] }, ct);
    }

    public async Task<Result<Row>> ChangeAsync(long id, Input input, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageUsers) is { } forbidden)
        {
            return forbidden;
        }

        // Another partner's team is not found, like a missing one.
        var team = await db.SmeTeams.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Refusal.Of(RefusalCodes.SmeTeamNotFound);
        }

        return input is { Name: null, Workloads: null, Members: null } ? Refusal.Of(RefusalCodes.NothingToChange) : await SaveAsync(team, input, ct);
    }

    public async Task<Result<Row>> RemoveAsync(long id, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageUsers) is { } forbidden)
        {
            return forbidden;
        }

        var team = await db.SmeTeams.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Refusal.Of(RefusalCodes.SmeTeamNotFound);
        }

        var row = RowOf(team, await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct));
        db.SmeTeams.Remove(team);
        await db.SaveChangesAsync(ct);
        await RenewAsync(team.Members, ct);
        return Result<Row>.Ok(row);
    }

    /// <summary>
    /// The workloads a user writes status notes for through their SME teams, read when they sign in (and at each session
    /// check): every team that names them, whoever asks.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WorkloadsOfAsync(HeadwayDbContext db, string userName, long? partnerId, CancellationToken ct = default)
    {
        // Only the teams of the user's own partner: a user moved to another partner leaves the old partner's teams behind.
        var teams = await db.SmeTeams.IgnoreQueryFilters().AsNoTracking().Where(t => t.PartnerId == partnerId && t.Members.Contains(userName))
            .Select(t => t.Workloads).ToListAsync(ct);
        return teams.SelectMany(w => w).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<Result<Row>> SaveAsync(SmeTeam team, Input input, CancellationToken ct)
    {
        var name = input.Name?.Trim() ?? team.Name;
        if (name.Length == 0)
        {
            return Refusal.ForField("name", RefusalCodes.ValueRequired, "name");
        }

        if (name.Length > MaxNameLength)
        {
            return Refusal.ForField("name", RefusalCodes.FieldTooLong, "name", MaxNameLength.ToString(CultureInfo.InvariantCulture));
        }

        var partnerId = team.PartnerId;
        var upper = name.ToUpperInvariant();
        if (await NameTakenAsync(partnerId, team.Id, upper, ct))
        {
            return Refusal.ForField("name", RefusalCodes.SmeTeamExists, name);
        }

        var codes = ManageUsers.KnownWorkloads(workloads, input.Workloads ?? team.Workloads);
        if (!codes.Succeeded)
        {
            return codes.Refusal with { Field = "workloads" };
        }

        var members = new List<string>();
        foreach (var email in input.Members ?? team.Members)
        {
            // Members already on the team stay whatever they have become (their rights follow their role and partner); a new
            // member is an enabled engineer or architect of the team's partner.
            if (team.Members.FirstOrDefault(m => string.Equals(m, email?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } kept)
            {
                if (!members.Contains(kept, StringComparer.OrdinalIgnoreCase))
                {
                    members.Add(kept);
                }

                continue;
            }

            var member = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
            if (member is not { Role: Role.Engineer or Role.Architect, IsService: false, IsDisabled: false } || member.PartnerId != partnerId)
            {
                return Refusal.ForField("members", RefusalCodes.NotAnExpert, email ?? "");
            }

            if (!members.Contains(member.Email!, StringComparer.OrdinalIgnoreCase))
            {
                members.Add(member.Email!);
            }
        }

        if (members.Count > MaxMembers)
        {
            return Refusal.ForField("members", RefusalCodes.TooManyMembers, MaxMembers.ToString(CultureInfo.InvariantCulture));
        }

        // Whoever joins or leaves, and everyone when the workloads change, signs in again with what they now write.
        var renew = codes.Value.SequenceEqual(team.Workloads, StringComparer.OrdinalIgnoreCase)
            ? members.Except(team.Members, StringComparer.OrdinalIgnoreCase).Concat(team.Members.Except(members, StringComparer.OrdinalIgnoreCase)).ToList()
            : members.Concat(team.Members).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        team.Name = name;
        team.Workloads = [.. codes.Value];
        team.Members = members;
        if (team.Id == 0)
        {
            db.SmeTeams.Add(team);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator took the name at the same moment (the unique index of a partner's team names); any
            // other failure is not ours to explain.
            db.ChangeTracker.Clear();
            if (await NameTakenAsync(partnerId, team.Id, upper, ct))
            {
                return Refusal.ForField("name", RefusalCodes.SmeTeamExists, name);
            }

            throw;
        }

        await RenewAsync(renew, ct);
        var partners = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return Result<Row>.Ok(RowOf(team, partners));
    }

    /// <summary>Whether another team of the partner has the name (upper case), ignoring case.</summary>
    private Task<bool> NameTakenAsync(long? partnerId, long id, string upper, CancellationToken ct) =>
#pragma warning disable CA1862 // translated to SQL: upper() on both databases
        db.SmeTeams.AsNoTracking().AnyAsync(t => t.PartnerId == partnerId && t.Id != id && t.Name.ToUpper() == upper, ct);
#pragma warning restore CA1862

    private async Task RenewAsync(IEnumerable<string> members, CancellationToken ct)
    {
        foreach (var email in members)
        {
            ct.ThrowIfCancellationRequested();
            // An invited user has no session yet, and a new stamp would void the invitation link.
            if (await users.FindByEmailAsync(email) is { IsInvited: false } user)
            {
                await users.UpdateSecurityStampAsync(user);
            }
        }
    }

    private static Row RowOf(SmeTeam t, IReadOnlyDictionary<long, string> partners) =>
        new(t.Id, t.Name, t.PartnerId, t.PartnerId is { } p && partners.TryGetValue(p, out var n) ? n : null, t.Workloads, t.Members);
}
