using Headway.Application.Users;

namespace Headway.Application;

/// <summary>
/// Who is calling and what they may see: one partner's tenants, or the whole programme, and their role;
/// optionally limited to some regions and countries (<see cref="Regions"/>, <see cref="Countries"/>).
/// Every query of <see cref="Data.HeadwayDbContext"/> is filtered by the scope, so a page that forgets to
/// filter cannot leak; every use case that writes checks the role (see <see cref="Users.Permissions"/>).
/// </summary>
public sealed record Caller(string UserName, long? PartnerId, string? Ip = null, Role? Role = null)
{
    /// <summary>
    /// The operator: the programme-wide caller of the command line and the start-up tasks. Whoever runs the
    /// command on the server already holds the database, so the permission table lets the operator do
    /// everything (docs/permissions.md); no signed-in user is ever the operator.
    /// </summary>
    public static Caller System { get; } = new("system", null, null, Users.Role.Admin) { IsOperator = true };

    /// <summary>True only for <see cref="System"/>.</summary>
    public bool IsOperator { get; private init; }

    /// <summary>Whether the caller sees every partner's data.</summary>
    public bool IsProgrammeWide => PartnerId is null;

    /// <summary>
    /// The regions (codes of <see cref="Domain.Taxonomy.Geography.Regions"/>) whose tenants the caller sees; with
    /// <see cref="Countries"/>, a tenant in any of them or in any of the countries is in scope. Both empty: every region.
    /// </summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>The countries (ISO codes) whose tenants the caller sees besides those of <see cref="Regions"/>.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>
    /// The workloads whose status and note the caller keeps on the tenants of their account team
    /// (<see cref="HeadwayUser.StatusWorkloads"/>): a subject-matter expert's, empty for everyone else.
    /// </summary>
    public IReadOnlyList<string> StatusWorkloads { get; init; } = [];

    /// <summary>Whether the caller is limited to some regions or countries.</summary>
    public bool IsGeographyLimited => Regions.Count > 0 || Countries.Count > 0;

    /// <summary>
    /// A service account's scopes (<see cref="Users.ServiceScopes"/>): what the integration may do, whatever its role; null for
    /// people, whose role decides.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>Whether the caller is a service account.</summary>
    public bool IsService => Scopes is not null;

    /// <summary>The geography as one string, for keys of what is cached per scope.</summary>
    public string GeographyKey => string.Join(",", Regions) + "|" + string.Join(",", Countries);

    /// <summary>Whether a tenant in this region and country is within the caller's geography (not the partner: see the filters).</summary>
    public bool Covers(string region, string country) =>
        !IsGeographyLimited || Regions.Contains(region, StringComparer.OrdinalIgnoreCase) || Countries.Contains(country, StringComparer.OrdinalIgnoreCase);

    /// <summary>The caller a stored user is when they act (digests, notifications): their partner, role and geography.</summary>
    public static Caller Of(HeadwayUser user, string? ip = null) =>
        new(user.UserName ?? "", user.PartnerId, ip, user.Role)
        {
            Regions = user.Regions,
            Countries = user.Countries,
            StatusWorkloads = user.StatusWorkloads,
            Scopes = user.IsService ? user.Scopes : null,
        };
}

/// <summary>
/// Where the current caller comes from. Read on every use, never captured: services built while a
/// request is still being authenticated (token and cookie checks) must not freeze an anonymous caller.
/// </summary>
public interface ICallerSource
{
    Caller Current { get; }
}

/// <summary>A caller that does not change: the command line, start-up tasks and tests.</summary>
public sealed class FixedCaller(Caller caller) : ICallerSource
{
    public Caller Current => caller;
}
