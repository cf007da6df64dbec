using Headway.Domain.Entitlements;

namespace Headway.Application.Data;

/// <summary>
/// One write to the database: who, when, from where, which row, and every changed field before and
/// after. Written in the same transaction as the write itself, never changed or deleted.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? Ip { get; set; }

    /// <summary>Added, Modified or Deleted.</summary>
    public required string Action { get; set; }

    /// <summary>The entity type, e.g. Entitlement.</summary>
    public required string Entity { get; set; }

    public required string EntityId { get; set; }
    public long? TenantId { get; set; }
    public long? PartnerId { get; set; }
    public IReadOnlyList<FieldChange> Changes { get; set; } = [];
}
