namespace Headway.Application;

/// <summary>
/// Who is calling and what they may see: one partner's tenants, or the whole programme. Every query
/// of <see cref="Data.HeadwayDbContext"/> is filtered by it, so a page that forgets to filter cannot leak.
/// </summary>
public sealed record Caller(string UserName, long? PartnerId, string? Ip = null)
{
    /// <summary>The programme-wide caller used by the command line and start-up tasks.</summary>
    public static Caller System { get; } = new("system", null);

    /// <summary>Whether the caller sees every partner's data.</summary>
    public bool IsProgrammeWide => PartnerId is null;
}
