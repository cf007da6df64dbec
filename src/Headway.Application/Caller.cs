using Headway.Application.Users;

namespace Headway.Application;

/// <summary>
/// Who is calling and what they may see: one partner's tenants, or the whole programme, and their role.
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
