using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Identity;

namespace Headway.Application.Tenants;

/// <summary>
/// Puts an engineer, architect or gateway manager on the account team of one or many tenants, or takes them off, all or
/// none — the tenant page, the tenant list's ticked tenants and <c>POST /api/v1/tenants/account-team</c>. Administrators
/// only, as for the onboarding manager (<see cref="AssignTenant"/>): a partner's administrator, the partner's tenants and
/// people. A member comes from the tenant's own partner (the centre's tenants: the centre's people). Each change is in the
/// tenant's history and the audit trail under the administrator's name; a new member is notified of each tenant.
/// </summary>
public static class ChangeAccountTeam
{
    /// <param name="TenantIds">The tenants.</param>
    /// <param name="Member">The person's email (their user name).</param>
    /// <param name="Remove">True to take them off the teams instead.</param>
    public sealed record Request(IReadOnlyList<long> TenantIds, string? Member, bool Remove = false);

    public sealed class Handler(HeadwayDbContext db, UserManager<HeadwayUser> users, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<Tenant>>> HandleAsync(Request request, CancellationToken ct = default)
        {
            var chosen = await AssignTenant.ChosenAsync(db, request.TenantIds, ct);
            if (!chosen.Succeeded)
            {
                return chosen.Refusal;
            }

            var (ids, tenants) = chosen.Value;
            var email = request.Member?.Trim() ?? "";
            if (email.Length == 0)
            {
                return Refusal.ForField("member", RefusalCodes.ValueRequired, "member");
            }

            if (request.Remove)
            {
                if (!tenants.Any(t => t.HasOnTeam(email)))
                {
                    return Refusal.ForField("member", RefusalCodes.NotATeamMember, email);
                }

                // Whoever is on a team can be taken off it, whatever they have become since.
                foreach (var tenant in tenants.Where(t => t.HasOnTeam(email)))
                {
                    tenant.AccountTeam = [.. tenant.AccountTeam.Where(m => !string.Equals(m, email, StringComparison.OrdinalIgnoreCase))];
                }
            }
            else
            {
                var member = email.Length == 0 ? null : await users.FindByEmailAsync(email);
                // A partner's administrator is told nothing of another partner's (or the centre's) users.
                if (member is not { Role: Role.Engineer or Role.Architect or Role.Gateway, IsDisabled: false, IsService: false }
                    || !await Accounts.IsUsableAsync(db, member, ct) || (!db.Caller.IsProgrammeWide && member.PartnerId != db.Caller.PartnerId))
                {
                    return Refusal.ForField("member", RefusalCodes.NotATeamMember, email);
                }

                if (tenants.FirstOrDefault(t => t.PartnerId != member.PartnerId) is { } elsewhere)
                {
                    return Refusal.ForField("member", RefusalCodes.TeamMemberOfAnotherPartner, member.Email!, elsewhere.Name);
                }

                var joining = tenants.Where(t => !t.HasOnTeam(member.Email!)).ToList();
                if (joining.FirstOrDefault(t => t.AccountTeam.Count >= Tenant.MaxAccountTeam) is { } full)
                {
                    return Refusal.ForField("member", RefusalCodes.AccountTeamFull, full.Name,
                        Tenant.MaxAccountTeam.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                var now = clock.GetUtcNow();
                foreach (var tenant in joining)
                {
                    Notify.TenantAssigned(db, tenant, member, null, now);
                    tenant.AccountTeam = [.. tenant.AccountTeam, member.Email!];
                }
            }

            await db.SaveChangesAsync(ct);
            return Result<IReadOnlyList<Tenant>>.Ok(ids.Select(id => tenants.First(t => t.Id == id)).ToList());
        }
    }
}
