namespace Headway.Application.Data;

/// <summary>
/// One row per host, rewritten by every readiness check: a node is ready only when a write commits, so a
/// full disk, a read-only file or a database in recovery takes it out of the balancer before users meet it.
/// Written with plain SQL, outside the audit trail (it records no one's action).
/// </summary>
public sealed class HealthProbe
{
    public required string Node { get; set; }

    /// <summary>When the last check wrote it, as Unix milliseconds (the same on both databases).</summary>
    public long CheckedAt { get; set; }
}
