using Headway.Application.Users;

namespace Headway.Application;

/// <summary>
/// Who is calling and what they may see: one partner's tenants, or the whole programme, and their role.
/// Every query of <see cref="Data.HeadwayDbContext"/> is filtered by the scope, so a page that forgets to
/// filter cannot leak; every use case that writes checks the role (see <see cref="Users.Permissions"/>).
/// </summary>
public sealed record Caller(string UserName, long? PartnerId, string? Ip = null, Role? Role = null)
{
    /// <summary>The programme-wide caller used by the command line and start-up tasks.</summary>
    public static Caller System { get; } = new("system", null, null, Users.Role.Admin);

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
