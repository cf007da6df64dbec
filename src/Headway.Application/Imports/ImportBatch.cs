namespace Headway.Application.Imports;

/// <summary>One imported file: who imported it, what it did, and whether it was reverted.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }

    /// <summary>The file's name as the user gave it.</summary>
    public required string FileName { get; set; }

    /// <summary>The importer's partner; null for the programme centre.</summary>
    public long? PartnerId { get; set; }

    public required string ImportedBy { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public int Rows { get; set; }

    public int TenantsCreated { get; set; }

    public int EntitlementsCreated { get; set; }

    public int EntitlementsChanged { get; set; }

    /// <summary>The last history entry when the import committed; a later one on a tenant it created means someone changed it since.</summary>
    public long LastChangeId { get; set; }

    public string? RevertedBy { get; set; }

    public DateTimeOffset? RevertedAt { get; set; }
}

/// <summary>What an import did to one row of the data, so the import can be undone as one unit.</summary>
public enum ImportUndoKind
{
    /// <summary>The import created the tenant: reverting removes it.</summary>
    TenantCreated,
    /// <summary>The import registered the entitlement: reverting removes it with its history.</summary>
    EntitlementCreated,
    /// <summary>The import changed the entitlement: reverting puts back <see cref="ImportUndo.Before"/>.</summary>
    EntitlementChanged,
}

/// <summary>One thing an import did, with what it takes to undo it.</summary>
public sealed class ImportUndo
{
    public long Id { get; set; }

    public long ImportId { get; set; }

    public ImportUndoKind Kind { get; set; }

    public long TenantId { get; set; }

    public long? PartnerId { get; set; }

    public long? EntitlementId { get; set; }

    /// <summary>The entitlement's version right after the import; any other version means someone changed it since.</summary>
    public int VersionAfter { get; set; }

    /// <summary>The entitlement's fields before the import (JSON), for <see cref="ImportUndoKind.EntitlementChanged"/>.</summary>
    public string? Before { get; set; }
}
