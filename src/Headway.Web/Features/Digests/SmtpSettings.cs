using MailKit.Security;
using MimeKit;

namespace Headway.Web.Features.Digests;

/// <summary>
/// The mail server digests go through (section <c>Email:Smtp</c>) and the portal's public address that their links
/// point to (<c>Email:PortalUrl</c>). No host means no mail: the digest job says so once at start and does nothing.
/// </summary>
public sealed record SmtpSettings(
    string? Host,
    int Port,
    SecureSocketOptions SecureSocket,
    string? UserName,
    string? Password,
    MailboxAddress? From,
    Uri? PortalUrl,
    IReadOnlyList<string> Problems)
{
    public const string Section = "Email:Smtp";
    public const string PortalUrlSetting = "Email:PortalUrl";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public static SmtpSettings Read(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        var problems = new List<string>();
        var host = s["Host"] is { Length: > 0 } h ? h.Trim() : null;

        var port = 587;
        if (s["Port"] is { Length: > 0 } portText && (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problems.Add($"{Section}:Port must be a TCP port from 1 to 65535; it is '{portText}'.");
        }

        var secure = SecureSocketOptions.Auto;
        if (s["SecureSocket"] is { Length: > 0 } secureText && (!Enum.TryParse(secureText, ignoreCase: true, out secure) || !Enum.IsDefined(secure)))
        {
            problems.Add($"{Section}:SecureSocket must be one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}; it is '{s["SecureSocket"]}'.");
        }

        var userName = s["UserName"] is { Length: > 0 } u ? u : null;
        var password = s["Password"] is { Length: > 0 } p ? p : null;
        if (password is not null && userName is null)
        {
            problems.Add($"{Section}:Password is set but {Section}:UserName is not.");
        }

        MailboxAddress? from = null;
        if (s["From"] is { Length: > 0 } fromText)
        {
            if (!MailboxAddress.TryParse(fromText, out from) || !from.Address.Contains('@', StringComparison.Ordinal))
            {
                problems.Add($"{Section}:From must be a mail address such as 'Headway <headway@example.com>'; it is '{fromText}'.");
                from = null;
            }
        }
        else if (host is not null)
        {
            problems.Add($"{Section}:From is required when {Section}:Host is set (the sender of the digests, e.g. 'Headway <headway@example.com>').");
        }

        Uri? portal = null;
        if (configuration[PortalUrlSetting] is { Length: > 0 } portalText)
        {
            if (!Uri.TryCreate(portalText, UriKind.Absolute, out portal) || portal.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(portal.Query))
            {
                problems.Add($"{PortalUrlSetting} must be the portal's absolute http(s) address, such as 'https://headway.example.com/'; it is '{portalText}'.");
                portal = null;
            }
            else if (!portal.AbsolutePath.EndsWith('/'))
            {
                // Links are resolved against it: without the slash its last segment would be replaced.
                portal = new Uri(portal.GetLeftPart(UriPartial.Path) + "/");
            }
        }
        else if (host is not null)
        {
            problems.Add($"{PortalUrlSetting} is required when {Section}:Host is set: the digests link back to the portal at that address.");
        }

        return new SmtpSettings(host, port, secure, userName, password, from, portal, problems);
    }

    /// <summary>A link into the portal: <paramref name="path"/> relative to <see cref="PortalUrl"/> (no leading slash).</summary>
    public Uri Link(string path) => new(PortalUrl ?? throw new InvalidOperationException($"{PortalUrlSetting} is not set."), path);
}
