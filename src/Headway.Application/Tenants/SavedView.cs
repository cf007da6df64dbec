namespace Headway.Application.Tenants;

/// <summary>
/// A named tenant-list filter set of one user: the list's query string, so a view is its URL. A shared view is
/// offered to everyone in the owner's scope (the same partner, or the programme centre).
/// </summary>
public sealed class SavedView
{
    public long Id { get; set; }

    /// <summary>The owner (user id).</summary>
    public required string OwnerId { get; set; }

    /// <summary>The owner's partner; null for the programme centre.</summary>
    public long? PartnerId { get; set; }

    public required string Name { get; set; }

    /// <summary>The tenant list's query string without the leading question mark, page number excluded.</summary>
    public required string Query { get; set; }

    public bool IsShared { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
