using System.ComponentModel.DataAnnotations;
using Headway.Application.Data;
using Headway.Application.Telemetry;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Headway.Application.Users;

/// <summary>
/// Signing in through an organisation's identity provider (OpenID Connect): the provider says who the person is, this
/// decides whether and as whom they enter Headway. The person is matched to a user by email; a provider may create the
/// users it does not find (<see cref="Provider.CreateUsers"/>) with a default role, in the provider's partner. Whatever the
/// provider says, a disabled user, a user of a deactivated partner, a service account and a user of another organisation
/// than the provider's are refused.
/// </summary>
public static class ExternalSignIn
{
    /// <summary>
    /// An identity provider as configured (<c>Authentication:Oidc:&lt;Name&gt;</c>): its name, what it shows, the partner its
    /// users belong to (null: the programme centre), the email domains it may speak for (empty: any), whether it creates
    /// users it does not find, and with which role.
    /// </summary>
    public sealed record Provider(string Name, string DisplayName, long? PartnerId, IReadOnlyList<string> EmailDomains, bool CreateUsers, Role DefaultRole)
    {
        /// <summary>
        /// For a provider several partners share: which partner a person belongs to, by a group the provider says they are in
        /// or by their email's domain (<see cref="PartnerMatch"/>). With any, <see cref="PartnerId"/> is not used, and a person
        /// who matches none (or whose partner Headway does not have, or deactivated) is refused: a shared provider never signs
        /// anyone in as the programme centre.
        /// </summary>
        public IReadOnlyList<PartnerMatch> PartnerMatches { get; init; } = [];
    }

    /// <summary>
    /// One rule of a shared provider: people in the group <paramref name="Group"/> (a value of the provider's group claim), or
    /// with an address at <paramref name="Domain"/>, belong to the partner named <paramref name="Partner"/>. Groups are tried
    /// before domains, each in the order configured.
    /// </summary>
    public sealed record PartnerMatch(string? Group, string? Domain, string Partner);

    /// <summary>
    /// What the provider said: the person's email (from the claim configured for it) and name, if it gave them, and the
    /// groups it says they are in (its group claim).
    /// </summary>
    public sealed record Request(Provider Provider, string? Email, string? Name, IReadOnlyList<string>? Groups = null);

    public sealed class Handler(UserManager<HeadwayUser> users, HeadwayDbContext db, TimeProvider clock, ILogger<Handler>? logger = null)
    {
        public async Task<Result<HeadwayUser>> HandleAsync(Request request, CancellationToken ct = default) =>
            SignInOutcome.Record(logger ?? (ILogger)NullLogger.Instance, "external", await MatchAsync(request, ct));

        private async Task<Result<HeadwayUser>> MatchAsync(Request request, CancellationToken ct)
        {
            var provider = request.Provider;
            var email = request.Email?.Trim() ?? "";
            if (email.Length == 0 || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
            {
                return Refusal.Of(RefusalCodes.ExternalEmailMissing, provider.DisplayName);
            }

            var domain = email[(email.LastIndexOf('@') + 1)..];
            if (provider.EmailDomains.Count > 0 && !provider.EmailDomains.Contains(domain, StringComparer.OrdinalIgnoreCase))
            {
                return Refusal.Of(RefusalCodes.ExternalSignInRefused, provider.DisplayName);
            }

            if (provider.PartnerMatches.Count > 0)
            {
                if (await MatchedPartnerAsync(provider, request.Groups ?? [], domain, ct) is not { } matched)
                {
                    return Refusal.Of(RefusalCodes.ExternalSignInRefused, provider.DisplayName);
                }

                provider = provider with { PartnerId = matched };
            }

            // The lookup folds case with the invariant culture (dotless ı becomes I); only an address that is the same but for
            // the case of ASCII letters is the same person.
            var user = await users.FindByEmailAsync(email);
            if (user is not null && !SameAddress(user.Email, email))
            {
                return Refusal.Of(RefusalCodes.ExternalSignInRefused, provider.DisplayName);
            }

            if (user is null)
            {
                return provider.CreateUsers ? await CreateAsync(provider, email, request.Name, ct) : Refusal.Of(RefusalCodes.ExternalNoAccount, provider.DisplayName, email);
            }

            // A provider speaks for its own organisation only: a partner's provider cannot sign in the centre's users or
            // another partner's, nor the centre's provider a partner's.
            if (user.IsService || user.PartnerId != provider.PartnerId || !await Accounts.IsUsableAsync(db, user, ct))
            {
                return Refusal.Of(RefusalCodes.ExternalSignInRefused, provider.DisplayName);
            }

            user.ExternalProvider = provider.Name;
            await Accounts.RecordSignInAsync(db, user, clock.GetUtcNow(), ct);
            return Result<HeadwayUser>.Ok(user);
        }

        /// <summary>The active partner a shared provider's rules give this person: the first group that matches, else their domain.</summary>
        private async Task<long?> MatchedPartnerAsync(Provider provider, IReadOnlyList<string> groups, string domain, CancellationToken ct)
        {
            var match = provider.PartnerMatches.FirstOrDefault(m => m.Group is { } g && groups.Contains(g, StringComparer.OrdinalIgnoreCase))
                ?? provider.PartnerMatches.FirstOrDefault(m => m.Domain is { } d && string.Equals(d, domain, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return null;
            }

            var name = match.Partner;
            return await db.Partners.AsNoTracking().Where(p => p.Name == name && p.DeactivatedAt == null).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        }

        private static bool SameAddress(string? stored, string given) =>
            stored is not null && stored.Length == given.Length
            && stored.Zip(given).All(p => p.First == p.Second || (char.IsAscii(p.First) && char.IsAscii(p.Second) && char.ToLowerInvariant(p.First) == char.ToLowerInvariant(p.Second)));

        private async Task<Result<HeadwayUser>> CreateAsync(Provider provider, string email, string? name, CancellationToken ct)
        {
            if (provider.PartnerId is { } partner && !await db.Partners.AnyAsync(p => p.Id == partner && p.DeactivatedAt == null, ct))
            {
                return Refusal.Of(RefusalCodes.ExternalSignInRefused, provider.DisplayName);
            }

            var user = new HeadwayUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(name) ? email : name.Trim()[..Math.Min(name.Trim().Length, ManageUsers.MaxDisplayNameLength)],
                Role = provider.DefaultRole,
                PartnerId = provider.PartnerId,
                ExternalProvider = provider.Name,
                LastSignInAt = clock.GetUtcNow(),
            };
            var created = await users.CreateAsync(user);
            return created.Succeeded ? Result<HeadwayUser>.Ok(user) : Refusal.Of(RefusalCodes.ExternalSignInRefused, provider.DisplayName);
        }
    }
}
