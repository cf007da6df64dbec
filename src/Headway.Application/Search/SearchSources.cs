namespace Headway.Application.Search;

/// <summary>
/// What the search index holds, said once: which table, which text, which time and which tenant each kind
/// of hit comes from. The SQLite rebuild and import indexing, the PostgreSQL query and the reading back of
/// hits are all built from this list; the migrations keep their SQL literal (a migration must not change
/// when this code does), and tests check that their triggers and indexes still say the same.
/// </summary>
public static class SearchSources
{
    /// <summary>One kind of searchable row. Column names and expressions are SQL, quoted as both databases take them.</summary>
    /// <param name="Kind">The kind of hit; its number is the row key's remainder (<see cref="Key"/>).</param>
    /// <param name="Table">The table the rows live in.</param>
    /// <param name="TenantId">The column holding the row's tenant.</param>
    /// <param name="At">The column the hits are ordered by, newest first.</param>
    /// <param name="Text">The expression whose text is searched.</param>
    /// <param name="Filter">A condition a row must meet to be indexed at all, or null.</param>
    /// <param name="Visible">
    /// A condition a row must meet to be found that the SQLite triggers and the PostgreSQL trigram indexes do not carry
    /// (a deleted overall note keeps its row): the rebuild and the PostgreSQL query apply it, and the write that breaks it
    /// takes the row out of the SQLite index itself (<see cref="SearchIndex.RemoveAsync"/>). Null for none.
    /// </param>
    public sealed record Source(SearchAll.HitKind Kind, string Table, string TenantId, string At, string Text, string? Filter, string? Visible = null)
    {
        /// <summary>The row key of the row with this id, as the index stores it.</summary>
        public long KeyOf(long id) => (id * KeyStride) + (int)Kind;

        /// <summary>The row key: the row's id times <see cref="KeyStride"/> plus the kind.</summary>
        public string Key => Kind == SearchAll.HitKind.Tenant ? $"\"Id\" * {KeyStride}" : $"\"Id\" * {KeyStride} + {(int)Kind}";

        /// <summary>A SELECT of the SQLite index's columns (rowid, TenantId, PartnerId, At, Text) for this kind's rows.</summary>
        public string SelectIndexRows(string? condition = null) =>
            $"""SELECT {Key}, {TenantId}, "PartnerId", {At}, {Text} FROM "{Table}"{Where(condition)}""";

        /// <summary>The WHERE clause with the filter, the visibility and the given condition, or an empty string.</summary>
        public string Where(string? condition = null)
        {
            var all = new[] { condition, Filter, Visible }.OfType<string>().ToList();
            return all.Count == 0 ? "" : " WHERE " + string.Join(" AND ", all);
        }
    }

    /// <summary>Row keys are id * 4 + kind, so one integer tells which table a hit is from.</summary>
    public const int KeyStride = 4;

    /// <summary>Tenants by name and brand name.</summary>
    public static readonly Source Tenants = new(SearchAll.HitKind.Tenant, "Tenants", "\"Id\"", "\"CreatedAt\"", "\"Name\" || coalesce(' ' || \"BrandName\", '')", null);

    /// <summary>Entitlements by their status note, when they have one.</summary>
    public static readonly Source StatusNotes = new(SearchAll.HitKind.StatusNote, "Entitlements", "\"TenantId\"", "\"LastChangedAt\"", "\"Note\"", "\"Note\" IS NOT NULL");

    /// <summary>Overall notes by their text, until they are deleted.</summary>
    public static readonly Source OverallNotes = new(SearchAll.HitKind.OverallNote, "OverallNotes", "\"TenantId\"", "\"CreatedAt\"", "\"Text\"", null,
        "\"DeletedAt\" IS NULL");

    /// <summary>Every kind, in the order of their keys.</summary>
    public static readonly IReadOnlyList<Source> All = [Tenants, StatusNotes, OverallNotes];

    /// <summary>The INSERT that puts a SELECT of <see cref="Source.SelectIndexRows"/> into the SQLite index.</summary>
    public const string InsertIntoIndex = """INSERT INTO "SearchIndex" (rowid, "TenantId", "PartnerId", "At", "Text")""";
}
