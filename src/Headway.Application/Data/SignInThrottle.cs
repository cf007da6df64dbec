namespace Headway.Application.Data;

/// <summary>
/// Failed sign-ins for an email that names no usable account. Known accounts count their failures on the user
/// row (Identity's lockout); unknown ones count here, so both lock after the same number of failures and answer
/// alike, and nobody can tell from the answers which emails have accounts. Keyed by a hash of the email.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>SHA-256 of the normalized email, hex.</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}
