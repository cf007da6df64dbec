using Headway.Application.Data;
using Headway.Application.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Users;

/// <summary>
/// The demo data's users: for the programme centre and for each demo partner, one user per role, all
/// with <see cref="Password"/>. Only demo data creates them; a production database starts with none.
/// </summary>
public sealed class DemoUsers(HeadwayDbContext db, UserManager<HeadwayUser> users)
{
    public const string Password = "Headway-Demo-2026!";

    /// <summary>The domain part of the demo users of the centre (null partner) and of each partner.</summary>
    public static string Domain(string? partnerName) => partnerName switch
    {
        null => "centre.example",
        _ => partnerName.Split(' ')[0].ToLowerInvariant() + ".example",
    };

    public static string Email(Role role, string? partnerName) => $"{Local(role)}@{Domain(partnerName)}";

    public static string Local(Role role) => role switch
    {
        Role.RegionalManager => "regional-manager",
        Role.ProductAnalyst => "product-analyst",
        _ => role.ToString().ToLowerInvariant(),
    };

    /// <summary>Creates the demo partners and users that are missing; run before the demo portfolio, so a load that stops half way never leaves tenants nobody can sign in to see.</summary>
    public async Task EnsureAsync(CancellationToken ct = default)
    {
        await DemoData.EnsurePartnersAsync(db, ct);
        var partners = await db.Partners.IgnoreQueryFilters().Where(p => DemoData.PartnerNames.Contains(p.Name)).ToListAsync(ct);
        var scopes = new List<(long? Id, string? Name)> { (null, null) };
        scopes.AddRange(partners.Select(p => ((long?)p.Id, (string?)p.Name)));
        foreach (var (id, name) in scopes)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                var email = Email(role, name);
                if (await users.FindByEmailAsync(email) is not null)
                {
                    continue;
                }

                var user = new HeadwayUser { UserName = email, Email = email, EmailConfirmed = true, Role = role, PartnerId = id, DisplayName = email };
                var result = await users.CreateAsync(user, Password);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
                }
            }
        }
    }
}
