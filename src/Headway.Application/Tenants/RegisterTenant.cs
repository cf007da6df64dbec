using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>
/// Registers a tenant without a file (gateway managers and administrators): its details, partner, onboarding manager
/// and workloads, under the import's rules. A name is unique within a partner (ignoring case, as the import matches
/// names); the manager is an onboarding manager of the tenant's partner; every entitlement starts as Status Unknown /
/// New subscription or workload. All or nothing, in one transaction; the manager is notified.
/// </summary>
public static class RegisterTenant
{
    /// <param name="Details">Name and country required; the rest optional.</param>
    /// <param name="PartnerId">The delivering partner; null for the programme centre (a partner's staff: always their own).</param>
    /// <param name="ManagerEmail">The onboarding manager, optional.</param>
    /// <param name="Workloads">The workloads the tenant is entitled to (may be none yet).</param>
    public sealed record Request(TenantDetails Details, long? PartnerId, string? ManagerEmail, IReadOnlyList<string> Workloads)
    {
        /// <summary>The tenant's id in the system that licenses it (<see cref="Tenant.ExternalId"/>), optional.</summary>
        public string? ExternalId { get; init; }
    }

    /// <summary>An onboarding manager a new tenant of <paramref name="PartnerId"/> may be given.</summary>
    public sealed record ManagerChoice(string Email, string? DisplayName, long? PartnerId);

    /// <summary>What the form offers the caller: the active partners in their scope and the onboarding managers of each.</summary>
    public sealed record Choices(IReadOnlyList<Partner> Partners, IReadOnlyList<ManagerChoice> Managers);

    public sealed class Handler(HeadwayDbContext db, UserManager<HeadwayUser> users, TimeProvider clock, Domain.Taxonomy.WorkloadCatalogue catalogue)
    {
        /// <summary>The partners and managers the caller may register a tenant with; refused like a registration.</summary>
        public async Task<Result<Choices>> ChoicesAsync(CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.RegisterEntitlements) is { } forbidden)
            {
                return forbidden;
            }

            var own = db.Caller.PartnerId;
            var wide = db.Caller.IsProgrammeWide;
            var partners = await db.Partners.AsNoTracking().Where(p => p.DeactivatedAt == null && (wide || p.Id == own)).OrderBy(p => p.Name).ToListAsync(ct);
            var active = partners.Select(p => (long?)p.Id).Append(null).ToList();
            var managers = await db.Users.AsNoTracking()
                .Where(u => u.Role == Role.Manager && !u.IsDisabled && u.Email != null && (wide ? active.Contains(u.PartnerId) : u.PartnerId == own))
                .OrderBy(u => u.Email).Select(u => new ManagerChoice(u.Email!, u.DisplayName, u.PartnerId)).ToListAsync(ct);
            return Result<Choices>.Ok(new Choices(partners, managers));
        }

        public async Task<Result<Tenant>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.RegisterEntitlements) is { } forbidden)
            {
                return forbidden;
            }

            if (request.Details.Check(db.Caller, registering: true) is { } invalid)
            {
                return invalid;
            }

            var partnerId = request.PartnerId ?? db.Caller.PartnerId;
            if (partnerId is { } partner && (!db.Caller.IsProgrammeWide && partner != db.Caller.PartnerId
                || !await db.Partners.AnyAsync(p => p.Id == partner && p.DeactivatedAt == null, ct)))
            {
                return Refusal.ForField("partnerId", RefusalCodes.UnknownPartner, partner.ToString(CultureInfo.InvariantCulture));
            }

            var name = request.Details.Name!.Trim();
            if (await NameTakenAsync(db, partnerId, name, null, ct) is { } taken)
            {
                return taken;
            }

            var externalId = request.ExternalId?.Trim();
            if (externalId is not null && await ExternalIdRefusalAsync(db, partnerId, externalId, ct) is { } badId)
            {
                return badId;
            }

            var (manager, notAManager) = await ManagerAsync(request.ManagerEmail, partnerId, ct);
            if (notAManager is not null)
            {
                return notAManager;
            }

            var now = clock.GetUtcNow();
            var tenant = new Tenant
            {
                Name = name,
                Country = "",
                Region = "",
                PartnerId = partnerId,
                ManagerName = manager?.Email,
                CreatedAt = now,
                ExternalId = externalId
            };
            request.Details.ApplyTo(tenant);
            var entitlements = new List<(Entitlement Entitlement, StatusChange Change)>();
            foreach (var workload in request.Workloads)
            {
                var created = EntitlementRules.Create(tenant, entitlements.Select(e => e.Entitlement.Workload), workload, db.Caller.UserName, now, catalogue);
                if (!created.Succeeded)
                {
                    return created.Refusal;
                }

                entitlements.Add(created.Value);
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync(ct);
            await Entitlements.AddEntitlement.SaveAsync(db, tenant, entitlements, ct);
            if (manager is not null)
            {
                Notify.TenantAssigned(db, tenant, manager, null, now);
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
            return Result<Tenant>.Ok(tenant);
        }

        /// <summary>
        /// TenantExists when another tenant of the partner has the name. Names are compared here as the import compares them
        /// (ignoring case), which the two databases would each do their own way; the database narrows the candidates to names
        /// as long (in characters, as both count them).
        /// </summary>
        internal static async Task<Refusal?> NameTakenAsync(HeadwayDbContext db, long? partnerId, string name, long? except, CancellationToken ct)
        {
            var length = name.EnumerateRunes().Count();
            var sameLength = await db.Tenants.Where(t => t.PartnerId == partnerId && t.Name.Length == length && t.Id != except)
                .Select(t => new { t.Id, t.Name }).ToListAsync(ct);
            return sameLength.FirstOrDefault(t => string.Equals(t.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)) is { } existing
                ? Refusal.ForField("name", RefusalCodes.TenantExists, name, existing.Id.ToString(CultureInfo.InvariantCulture))
                : null;
        }

        /// <summary>
        /// InvalidExternalId for an id a source system would not give (1 to 100 visible characters, no spaces), ExternalIdTaken
        /// when another tenant of the partner holds it. The partner's tenants are searched whatever the caller's geography,
        /// since the database would refuse the second one anyway.
        /// </summary>
        internal static async Task<Refusal?> ExternalIdRefusalAsync(HeadwayDbContext db, long? partnerId, string externalId, CancellationToken ct)
        {
            if (!IsExternalId(externalId))
            {
                return Refusal.ForField("externalId", RefusalCodes.InvalidExternalId, externalId, Tenant.MaxExternalId.ToString(CultureInfo.InvariantCulture));
            }

            var taken = await db.Tenants.IgnoreQueryFilters().AnyAsync(t => t.PartnerId == partnerId && t.ExternalId == externalId, ct);
            return taken ? Refusal.ForField("externalId", RefusalCodes.ExternalIdTaken, externalId) : null;
        }

        /// <summary>Whether a text can be an external id: 1 to 100 characters, none of them a space or a control character.</summary>
        public static bool IsExternalId(string value) =>
            value.Length is > 0 and <= Tenant.MaxExternalId && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

        /// <summary>The active onboarding manager of the tenant's partner (or of the centre) the address names; none for no address.</summary>
        private async Task<(HeadwayUser? Manager, Refusal? Refusal)> ManagerAsync(string? email, long? partnerId, CancellationToken ct)
        {
            email = email?.Trim() ?? "";
            if (email.Length == 0)
            {
                return (null, null);
            }

            var manager = await users.FindByEmailAsync(email);
            // As on an assignment, nobody learns of another partner's users from the answer.
            if (manager is not { Role: Role.Manager, IsDisabled: false } || manager.PartnerId != partnerId || !await Accounts.IsUsableAsync(db, manager, ct))
            {
                return (null, Refusal.ForField("manager", RefusalCodes.NotAManager, email));
            }

            return (manager, null);
        }
    }
}
