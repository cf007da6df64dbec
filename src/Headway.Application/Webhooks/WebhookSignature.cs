using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Headway.Application.Webhooks;

/// <summary>
/// The signature a delivery carries in <see cref="Header"/>: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where the hex is the
/// HMAC-SHA256, keyed with the subscription's secret, of the time, a full stop and the body exactly as sent. A receiver
/// computes the same and compares in constant time; the time lets it refuse an old delivery replayed.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Headway-Signature";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Whether <paramref name="header"/> is a signature of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }
}
