using System.Globalization;
using Headway.Application;
using Headway.Application.Users;

namespace Headway.Web.Infrastructure;

/// <summary>
/// The caller of a web request, from the signed-in user's claims: name, role, partner (none for the
/// programme centre), regions and countries (none for all), a service account's scopes and IP address. This is the one place a request's scope comes from.
/// </summary>
public sealed class CallerFromRequest(IHttpContextAccessor accessor) : ICallerSource
{
    public Caller Current => From(accessor.HttpContext?.User, accessor.HttpContext?.Connection.RemoteIpAddress?.ToString());

    /// <summary>The caller a signed-in user's claims describe (anonymous when there are none).</summary>
    public static Caller From(System.Security.Claims.ClaimsPrincipal? user, string? ip)
    {
        if (user?.Identity is not { IsAuthenticated: true, Name: { } name })
        {
            // Anonymous requests only reach the sign-in page and static content; they see nothing.
            return new Caller("anonymous", -1, ip, null);
        }

        var role = Enum.TryParse<Role>(user.FindFirst(Authentication.RoleClaim)?.Value, out var r) ? r : (Role?)null;
        var partner = long.TryParse(user.FindFirst(Authentication.PartnerClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p
            : (long?)null;
        return new Caller(name, partner, ip, role)
        {
            Regions = user.FindAll(Authentication.RegionClaim).Select(c => c.Value).ToArray(),
            Countries = user.FindAll(Authentication.CountryClaim).Select(c => c.Value).ToArray(),
            StatusWorkloads = user.FindAll(Authentication.StatusWorkloadClaim).Select(c => c.Value).ToArray(),
            Scopes = user.HasClaim(c => c.Type == Authentication.ServiceClaim) ? user.FindAll(Authentication.ScopeClaim).Select(c => c.Value).ToArray() : null,
        };
    }
}
