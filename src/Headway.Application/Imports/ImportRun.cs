using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Imports;

/// <summary>
/// One import while its rows go through: each row's tenant is found or created (<see cref="TenantWindow"/>), and
/// its entitlement created or edited under the rules of a manual edit; new rows are written in bulk, edits tracked
/// and saved together. What the run counts, and every problem, make the import's answer.
/// </summary>
internal sealed class ImportRun : IDisposable
{
    /// <summary>Tracked edits saved together.</summary>
    private const int FlushEvery = 2_000;

    /// <summary>Above this size (bytes) SQLite's search index and secondary indexes are built once instead of row by row.</summary>
    private const long LargeFile = 4L << 20;

    private readonly HeadwayDbContext _db;
    private readonly DateTimeOffset _now;
    private readonly ImportFile.Request _request;
    private readonly IReadOnlyList<string> _header;
    private readonly Dictionary<string, int> _columns;
    private readonly BulkLoad _load;
    private readonly TenantWindow _window;
    private readonly Dictionary<string, List<(string Code, bool Retired)>> _l3ByL2 = new(StringComparer.Ordinal);
    private readonly BulkWrites _writes = new();
    private BulkInserter<Tenant> _tenants = null!;
    private BulkInserter<Entitlement> _entitlements = null!;
    private BulkInserter<StatusChange> _changes = null!;
    private BulkInserter<ImportUndo> _undo = null!;
    private ImportBatch _batch = null!;
    private int _pendingEdits;

    private readonly WorkloadCatalogue _catalogue;

    public ImportRun(HeadwayDbContext db, DateTimeOffset now, ImportFile.Request request, IReadOnlyList<string> header, Dictionary<string, int> columns,
        BulkLoad load, WorkloadCatalogue catalogue)
    {
        (_db, _now, _request, _header, _columns, _load, _catalogue) = (db, now, request, header, columns, load, catalogue);
        _window = new TenantWindow(db, now, _writes, Created, FlushAsync);
    }

    public List<ImportFile.Problem> Problems { get; } = [];

    public int Rows { get; private set; }

    public int LastRow { get; private set; } = 1;

    public int TenantsCreated { get; private set; }

    public int EntitlementsCreated { get; private set; }

    public int EntitlementsChanged { get; private set; }

    public int Unchanged { get; private set; }

    private string Actor => _db.Caller.UserName;

    public async Task StartAsync(DbTransaction tx, CancellationToken ct)
    {
        // The import's history and trail rows are the change feed's: its readers stop short of them until it commits.
        await FeedOrder.RegisterAsync(_db, ct);
        await _window.StartAsync(ct);
        foreach (var group in (await _db.L3Values.AsNoTracking().Select(v => new { v.L2, v.Code, Retired = v.RetiredAt != null }).ToListAsync(ct)).GroupBy(v => v.L2))
        {
            _l3ByL2[group.Key] = group.Select(v => (v.Code, v.Retired)).ToList();
        }

        if (_db.Database.IsSqlite() && _request.Content.CanSeek && _request.Content.Length > LargeFile)
        {
            await _load.PauseSearchIndexAsync(ct);
            await _load.DropIndexesAsync(["Entitlements", "StatusChanges"], ct);
        }

        _batch = new ImportBatch
        {
            FileName = Path.GetFileName(_request.FileName) is { Length: > 0 and <= 260 } name ? name : "import",
            PartnerId = _db.Caller.PartnerId,
            ImportedBy = Actor,
            ImportedAt = _now,
        };
        _db.ImportBatches.Add(_batch);
        await _db.SaveChangesAsync(ct);
        // On PostgreSQL new rows are sent on another thread while this one checks the next (parents first).
        _tenants = _writes.Add(new BulkInserter<Tenant>(_db, tx, assignKeys: true, _writes));
        _entitlements = _writes.Add(new BulkInserter<Entitlement>(_db, tx, assignKeys: true, _writes));
        _changes = _writes.Add(new BulkInserter<StatusChange>(_db, tx, assignKeys: true, _writes));
        _undo = _writes.Add(new BulkInserter<ImportUndo>(_db, tx, assignKeys: true, _writes));
    }

    /// <summary>The coach's grade of each row's note, as the row gives it (thread-safe: touches no state of the import).</summary>
    public string?[] Grades((int Row, string?[] Cells)[] rows)
    {
        var grades = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var cells = rows[i].Cells;
            string? Cell(string column) =>
                _columns.TryGetValue(column, out var c) && c < cells.Length && !string.IsNullOrWhiteSpace(cells[c]) ? cells[c]!.Trim() : null;
            if (Cell(ImportColumns.Note) is { } note && Cell(ImportColumns.L1) is { } l1)
            {
                grades[i] = NoteGrading.Grade(note, l1, Cell(ImportColumns.L2));
            }
        }

        return grades;
    }

    public async Task RowsAsync((int Row, string?[] Cells)[] rows, string?[] grades, CancellationToken ct)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            await RowAsync(rows[i].Row, rows[i].Cells, grades[i], ct);
        }
    }

    private async Task RowAsync(int row, string?[] cells, string? grade, CancellationToken ct)
    {
        if (_writes.Pending >= 10_000)
        {
            await _writes.SendAsync(ct);
        }

        Rows++;
        LastRow = row;
        if (Rows % 1000 == 0)
        {
            _request.Progress?.Report(Rows);
        }

        var values = new ImportRowValues(row, cells, _header, _columns, Problems);
        if (values.ForbiddenText())
        {
            // Refused in the dry run as in the real one: PostgreSQL could not even store a NUL.
            return;
        }

        var state = await _window.FindAsync(values, ct);
        var workload = values.Text(ImportColumns.Workload, FieldLimits.Name);
        if (workload is null)
        {
            values.Refuse(ImportColumns.Workload, Refusal.Of(RefusalCodes.ValueRequired, values.Heading(ImportColumns.Workload)));
        }

        var update = values.Update(grade);
        if (state is null || workload is null || values.Failed)
        {
            return;
        }

        var catalogued = _catalogue.Find(workload)?.Code ?? workload;
        var existing = state.Entitlements.FirstOrDefault(e => string.Equals(e.Workload, catalogued, StringComparison.OrdinalIgnoreCase));
        // This import wrote it already (its time is the import's): a second row for it is refused, not applied over the first.
        if (state.SetBy.TryGetValue(catalogued, out var earlier) || (existing is not null && existing.LastChangedAt == _now && existing.LastChangedBy == Actor))
        {
            var at = earlier > 0 ? earlier.ToString(CultureInfo.InvariantCulture) : "?";
            values.Refuse(ImportColumns.Workload, Refusal.Of(RefusalCodes.RowRepeatsEntitlement, at, catalogued));
            return;
        }

        state.SetBy[catalogued] = row;
        if (existing is null)
        {
            Create(values, state, workload, update);
        }
        else
        {
            await ChangeAsync(values, state, existing, update, ct);
        }
    }

    /// <summary>Waits for rows being written in the background, whether or not they could be.</summary>
    public Task SettledAsync() => Task.WhenAny(_writes.IdleAsync());

    public async Task<long> FinishAsync(bool applied, CancellationToken ct)
    {
        await _writes.IdleAsync();
        _request.Progress?.Report(Rows);
        if (!applied)
        {
            return 0;
        }

        await FlushAsync(ct);
        await _load.RestoreIndexesAsync(ct);
        if (_load.SearchIndexPaused && !_load.SearchIndexWasPausedBefore)
        {
            await Search.SearchIndex.IndexImportAsync(_db, _tenants.FirstKey, _entitlements.FirstKey, _batch.Id, ct);
        }

        _batch.Rows = Rows;
        _batch.TenantsCreated = TenantsCreated;
        _batch.EntitlementsCreated = EntitlementsCreated;
        _batch.EntitlementsChanged = EntitlementsChanged;
        _batch.LastChangeId = await _db.StatusChanges.IgnoreQueryFilters().MaxAsync(c => (long?)c.Id, ct) ?? 0;
        _db.ImportBatches.Update(_batch);
        await _db.SaveChangesAsync(ct);
        return _batch.Id;
    }

    public void Dispose()
    {
        _tenants?.Dispose();
        _entitlements?.Dispose();
        _changes?.Dispose();
        _undo?.Dispose();
    }

    /// <summary>A new tenant the window created from a row: written with the import's keys, and undone with it.</summary>
    private void Created(Tenant tenant)
    {
        _tenants.Add(tenant);
        _undo.Add(new ImportUndo { ImportId = _batch.Id, Kind = ImportUndoKind.TenantCreated, TenantId = tenant.Id, PartnerId = tenant.PartnerId });
        // Tracked writes leave their audit entry on save; this bulk one adds it to the next save, so the change feed sees the
        // tenant too. (The trail's keys are drawn by the database: the entries of the edits saved meanwhile share the table.)
        _db.AuditEntries.Add(AuditTrail.Untracked(_db, tenant, EntityState.Added, _db.Caller, _now));
        _pendingEdits++;
        TenantsCreated++;
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        // New rows first: the tracked edits after them may refer to them.
        await _writes.SendAsync(ct);
        await _writes.IdleAsync();
        if (_pendingEdits > 0)
        {
            await _db.SaveChangesAsync(ct);
            _pendingEdits = 0;
        }

        _db.ChangeTracker.Clear();
        _window.Clear();
    }

    private void Create(ImportRowValues values, ImportedTenant state, string workload, EntitlementUpdate? update)
    {
        var created = EntitlementRules.Create(state.Tenant, state.Entitlements.Select(e => e.Workload), workload, Actor, _now, _catalogue);
        if (!created.Succeeded)
        {
            values.Refuse(ImportColumns.Workload, created.Refusal);
            return;
        }

        var (entitlement, first) = created.Value;
        StatusChange? edit = null;
        if (update is { } u)
        {
            // The file's status for a new entitlement is an edit like any other: the same rules, the same rights.
            if (SameNote(values, state, u) || Edited(values, state, entitlement, u) is not { Succeeded: true } changed)
            {
                return;
            }

            edit = changed.Value.Change;
        }

        _entitlements.Add(entitlement);
        state.Entitlements.Add(entitlement);
        // One history entry: created with the file's status, every field from nothing to its value.
        var change = edit is null ? first : Merged(first, edit);
        change.EntitlementId = entitlement.Id;
        _changes.Add(change);
        if (!state.Created)
        {
            // A new tenant's entitlements go with the tenant; only those added to an existing tenant need a record each.
            _undo.Add(new ImportUndo
            {
                ImportId = _batch.Id,
                Kind = ImportUndoKind.EntitlementCreated,
                TenantId = state.Tenant.Id,
                PartnerId = state.Tenant.PartnerId,
                EntitlementId = entitlement.Id,
                VersionAfter = entitlement.Version,
            });
        }

        EntitlementsCreated++;
    }

    private static StatusChange Merged(StatusChange created, StatusChange edit)
    {
        var fields = created.Changes.ToDictionary(c => c.Field);
        foreach (var c in edit.Changes)
        {
            fields[c.Field] = new FieldChange(c.Field, fields.TryGetValue(c.Field, out var first) ? first.Before : c.Before, c.After);
        }

        edit.Kind = ChangeKind.Created;
        edit.Changes = [.. fields.Values.Where(c => c.Before != c.After)];
        return edit;
    }

    private async Task ChangeAsync(ImportRowValues values, ImportedTenant state, Entitlement entitlement, EntitlementUpdate? update, CancellationToken ct)
    {
        if (update is not { } u)
        {
            Unchanged++;
            return;
        }

        var current = EntitlementUpdate.From(entitlement);
        if (current.Fields() == u.Fields())
        {
            // The row restates the entitlement as it is (an export edited elsewhere): nothing to check or change.
            Unchanged++;
            return;
        }

        var before = JsonSerializer.Serialize(current with { NoteGrade = entitlement.NoteGrade });
        if ((u.Normalized().Note != current.Note && SameNote(values, state, u)) || Edited(values, state, entitlement, u) is not { Succeeded: true } changed)
        {
            return;
        }

        if (changed.Value is not { Change: { } change } edit)
        {
            Unchanged++;
            return;
        }

        if (edit.Explanation is { } explanation)
        {
            // The moved engagement start date's reason, as an overall note saved with the edit.
            _db.OverallNotes.Add(explanation);
        }

        // New rows go through the inserters, which own the keys of their tables for the import's duration;
        // the entitlement itself is a tracked edit (version check, audit trail).
        _changes.Add(change);
        _undo.Add(new ImportUndo
        {
            ImportId = _batch.Id,
            Kind = ImportUndoKind.EntitlementChanged,
            TenantId = state.Tenant.Id,
            PartnerId = state.Tenant.PartnerId,
            EntitlementId = entitlement.Id,
            VersionAfter = entitlement.Version,
            Before = before,
        });
        EntitlementsChanged++;
        if (++_pendingEdits >= FlushEvery)
        {
            await FlushAsync(ct);
        }
    }

    /// <summary>The L3 values a row may set under the L2: those in use, and a retired one the entitlement already has.</summary>
    private List<string> KnownL3(string? l2, Entitlement entitlement) => l2 is not null && _l3ByL2.TryGetValue(l2.Trim(), out var values)
        ? values.Where(v => !v.Retired || (v.Code == entitlement.L3 && l2.Trim() == entitlement.L2)).Select(v => v.Code).ToList()
        : [];

    /// <summary>The one edit of every write path (rights, rules, the start-date reason); a refusal goes to the row.</summary>
    private Result<EntitlementEdit> Edited(ImportRowValues values, ImportedTenant state, Entitlement entitlement, EntitlementUpdate update)
    {
        var edited = EntitlementEditing.Apply(_db.Caller, state.Tenant, entitlement, state.Entitlements, update, KnownL3(update.L2, entitlement), expectedVersion: null, _now);
        if (!edited.Succeeded)
        {
            values.Refuse(ImportColumns.ForField(edited.Refusal.Field), edited.Refusal);
        }

        return edited;
    }

    /// <summary>
    /// Refuses a row that gives a note another workload of the tenant already got from this file, unless the file
    /// says it means to (<see cref="ImportFile.Request.ConfirmSameNote"/>) or the customer is unresponsive on both.
    /// </summary>
    private bool SameNote(ImportRowValues values, ImportedTenant state, EntitlementUpdate update)
    {
        var notes = new List<(string? Note, string? L2)>(state.NotesSet) { (update.Normalized().Note, update.Normalized().L2) };
        if (!_request.ConfirmSameNote && EntitlementRules.SameNoteNeedsConfirmation(notes))
        {
            var count = notes.Count(n => n.Note == update.Normalized().Note);
            values.Refuse(ImportColumns.Note, Refusal.Of(RefusalCodes.SameNoteOnSeveralWorkloads, count.ToString(CultureInfo.InvariantCulture)));
            return true;
        }

        state.NotesSet.Add(notes[^1]);
        return false;
    }
}
