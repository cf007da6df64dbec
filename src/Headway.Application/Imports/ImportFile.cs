using System.Globalization;
using System.Text.Json;
using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Headway.Application.Imports;

/// <summary>
/// Imports tenants and their entitlements from a CSV or Excel file, one entitlement per row (the columns
/// are <see cref="ImportColumns"/>). Every row goes through the rules of a manual edit
/// (<see cref="EntitlementRules"/>). The whole file is one transaction: any problem, or a dry run, rolls it
/// back, and the answer lists every problem with its row, column and refusal. A file that applied is
/// recorded as an <see cref="ImportBatch"/> with what it takes to revert it (<see cref="RevertImport"/>).
/// Rows stream through, and only a bounded window of tenants is kept in memory; how large a file may be is
/// configured (<see cref="ImportLimits"/>), and a file past a limit is refused like any other problem.
/// </summary>
public static class ImportFile
{
    /// <summary>Tenants whose entitlements are kept in memory at once; rows of one tenant usually follow each other.</summary>
    private const int TenantWindow = 2_000;

    /// <summary>Tracked edits saved together.</summary>
    private const int FlushEvery = 2_000;

    /// <summary>Above this size (bytes) SQLite's search index is rebuilt once after the import instead of row by row.</summary>
    private const long LargeFile = 4L << 20;

    /// <summary>
    /// A file to import. <c>ConfirmSameNote</c>: the file sets one note on several workloads of a tenant on purpose; as
    /// in the bulk edit that needs saying (SPEC §3), unless every one of them is an unresponsive customer's.
    /// </summary>
    public sealed record Request(Stream Content, string FileName, bool DryRun, string? Encoding = null, IProgress<int>? Progress = null,
        bool ConfirmSameNote = false);

    /// <summary>One problem: the file's row (1 is the header; 0 the file as a whole), the column as headed in the file, and why.</summary>
    public sealed record Problem(int Row, string? Column, Refusal Refusal);

    public sealed record Response(
        long? ImportId, bool DryRun, bool Applied, int Rows, int TenantsCreated, int EntitlementsCreated, int EntitlementsChanged,
        int Unchanged, string? Encoding, IReadOnlyList<Problem> Problems);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, ImportLimits limits, ImportActivity activity)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.Import) is { } forbidden)
            {
                return forbidden;
            }

            var opened = ImportReader.Open(request.Content, request.FileName, request.Encoding, limits);
            if (!opened.Succeeded)
            {
                return opened.Refusal.Field is null ? Failed(request, null, new Problem(0, null, opened.Refusal)) : opened.Refusal;
            }

            using var reader = opened.Value;
            var columns = ImportColumns.Map(reader.Header);
            var missing = ImportColumns.Required(columns);
            if (missing.Count > 0)
            {
                return Failed(request, reader.EncodingName, [.. missing.Select(m => new Problem(1, null, Refusal.Of(RefusalCodes.ImportColumnMissing, m)))]);
            }

            // On SQLite the import holds the one write lock throughout; other writers are told so at once.
            var (hold, other) = activity.Begin(db.Caller.UserName, request.FileName, clock.GetUtcNow());
            if (hold is null)
            {
                return Refusal.Of(RefusalCodes.ImportRunning, other!.StartedAt.ToString("u", CultureInfo.InvariantCulture),
                    ImportActivity.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
            }

            using var held = hold;
            db.HoldsBulkLoad = true;

            // Microseconds: what PostgreSQL stores, so the import's time reads back equal on both databases.
            var now = clock.GetUtcNow();
            using var run = new Run(db, now.AddTicks(-(now.Ticks % 10)), request, reader.Header, columns);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                return await RunAsync(request, reader, run, tx, ct);
            }
            finally
            {
                // Nothing may still be writing on the connection when the transaction ends, however it ends.
                await run.SettledAsync();
            }
        }

        private async Task<Result<Response>> RunAsync(Request request, ImportReader reader, Run run, IDbContextTransaction tx, CancellationToken ct)
        {
            await run.StartAsync(tx.GetDbTransaction(), ct);
            // Two stages on two cores: the next 500 rows are read from the file and their notes graded by the coach
            // on one while the other checks and writes these. The reader is only ever used by one stage at a time.
            using var chunks = reader.Rows().Chunk(500).GetEnumerator();
            Task<((int Row, string?[] Cells)[] Rows, string?[] Grades)?> Next() =>
                Task.Run<((int Row, string?[] Cells)[], string?[])?>(() => chunks.MoveNext() ? (chunks.Current, run.Grades(chunks.Current)) : null, ct);
            var next = Next();
            try
            {
                while (await next is { } current)
                {
                    next = Next();
                    await run.RowsAsync(current.Rows, current.Grades, ct);
                }
            }
            finally
            {
                // The reader is let go only once the stage reading it has stopped.
                await Task.WhenAny(next);
            }

            if (reader.Failure is { } failure)
            {
                run.Problems.Add(new Problem(reader.FailureRow ?? run.LastRow + 1, reader.FailureColumn, failure));
            }
            else if (run.Rows == 0)
            {
                run.Problems.Add(new Problem(1, null, Refusal.Of(RefusalCodes.ImportEmpty)));
            }

            var applied = !request.DryRun && run.Problems.Count == 0;
            var id = await run.FinishAsync(applied, ct);
            if (applied)
            {
                await tx.CommitAsync(ct);
                if (run.SearchIndexWasPausedBefore)
                {
                    // An earlier bulk load stopped half way: the whole index is rebuilt, as at a start.
                    await Search.SearchIndex.RebuildAsync(db, ct);
                }
            }
            else
            {
                await tx.RollbackAsync(ct);
            }

            db.ChangeTracker.Clear();
            return Result<Response>.Ok(new Response(applied ? id : null, request.DryRun, applied, run.Rows, run.TenantsCreated,
                run.EntitlementsCreated, run.EntitlementsChanged, run.Unchanged, reader.EncodingName, run.Problems));
        }

        private static Result<Response> Failed(Request request, string? encoding, params Problem[] problems) =>
            Result<Response>.Ok(new Response(null, request.DryRun, false, 0, 0, 0, 0, 0, encoding, problems));
    }

    private sealed class TenantState(Tenant tenant, List<Entitlement> entitlements, bool created = false)
    {
        /// <summary>Created by this import (its entitlements are removed with it on a revert).</summary>
        public bool Created { get; } = created;

        public Tenant Tenant { get; } = tenant;

        public List<Entitlement> Entitlements { get; } = entitlements;

        /// <summary>Which row of the file set each workload, to name it when a later row sets the same one.</summary>
        public Dictionary<string, int> SetBy { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The notes (and their L2s) this file gave the tenant's workloads, for the same-note rule.</summary>
        public List<(string? Note, string? L2)> NotesSet { get; } = [];
    }

    /// <summary>The state of one import while its rows go through.</summary>
    private sealed class Run(HeadwayDbContext db, DateTimeOffset now, Request request, IReadOnlyList<string> header, Dictionary<string, int> columns) : IDisposable
    {
        private readonly Dictionary<(long? Partner, string Name), List<long>> _byName = new(NameKey.Comparer);
        private readonly Dictionary<long, TenantState> _window = [];
        private readonly Dictionary<string, long> _partners = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, long?> _managers = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<string>> _l3ByL2 = new(StringComparer.Ordinal);
        private readonly BulkWrites _writes = new();
        private BulkInserter<Tenant> _tenants = null!;
        private BulkInserter<Entitlement> _entitlements = null!;
        private BulkInserter<StatusChange> _changes = null!;
        private BulkInserter<ImportUndo> _undo = null!;
        private ImportBatch _batch = null!;
        private int _pendingEdits;
        private List<string> _droppedIndexes = [];

        public List<Problem> Problems { get; } = [];

        public int Rows { get; private set; }

        public int LastRow { get; private set; } = 1;

        public int TenantsCreated { get; private set; }

        public int EntitlementsCreated { get; private set; }

        public int EntitlementsChanged { get; private set; }

        public int Unchanged { get; private set; }

        public bool SearchIndexPaused { get; private set; }

        public bool SearchIndexWasPausedBefore { get; private set; }

        private string Actor => db.Caller.UserName;

        public async Task StartAsync(System.Data.Common.DbTransaction tx, CancellationToken ct)
        {
            foreach (var t in await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Name, t.PartnerId }).ToListAsync(ct))
            {
                var key = (t.PartnerId, t.Name.Trim());
                if (!_byName.TryGetValue(key, out var ids))
                {
                    _byName[key] = ids = [];
                }

                ids.Add(t.Id);
            }

            foreach (var p in await db.Partners.AsNoTracking().ToListAsync(ct))
            {
                _partners[p.Name] = p.Id;
            }

            // A new tenant's manager must be an onboarding manager of the tenant's own partner (or of the centre), as
            // `tenants assign` and the assignment page require.
            foreach (var m in await db.Users.AsNoTracking().Where(u => u.Role == Users.Role.Manager && !u.IsDisabled)
                .Select(u => new { u.Email, u.PartnerId }).ToListAsync(ct))
            {
                if (m.Email is not null)
                {
                    _managers[m.Email] = m.PartnerId;
                }
            }

            foreach (var group in (await db.L3Values.AsNoTracking().Select(v => new { v.L2, v.Code }).ToListAsync(ct)).GroupBy(v => v.L2))
            {
                _l3ByL2[group.Key] = group.Select(v => v.Code).ToList();
            }

            if (db.Database.IsSqlite() && request.Content.CanSeek && request.Content.Length > LargeFile)
            {
                SearchIndexWasPausedBefore = await Search.SearchIndex.IsPausedAsync(db, ct);
                await Search.SearchIndex.PauseAsync(db, ct);
                SearchIndexPaused = true;
                // Building an index once from sorted rows is several times faster than growing it row by row.
                // The drop is part of the transaction: a failed or dry run puts the indexes back with everything else.
                _droppedIndexes = await db.Database.SqlQueryRaw<string>("""
                    SELECT sql AS "Value" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                        AND tbl_name IN ('Entitlements', 'StatusChanges')
                    """).ToListAsync(ct);
                foreach (var index in await db.Database.SqlQueryRaw<string>("""
                    SELECT name AS "Value" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                        AND tbl_name IN ('Entitlements', 'StatusChanges')
                    """).ToListAsync(ct))
                {
#pragma warning disable EF1002 // Index names come from the schema itself.
                    await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{index}\"", ct);
#pragma warning restore EF1002
                }
            }

            _batch = new ImportBatch
            {
                FileName = Path.GetFileName(request.FileName) is { Length: > 0 and <= 260 } name ? name : "import",
                PartnerId = db.Caller.PartnerId,
                ImportedBy = Actor,
                ImportedAt = now,
            };
            db.ImportBatches.Add(_batch);
            await db.SaveChangesAsync(ct);
            // On PostgreSQL new rows are sent on another thread while this one checks the next (parents first).
            _tenants = _writes.Add(new BulkInserter<Tenant>(db, tx, assignKeys: true, _writes));
            _entitlements = _writes.Add(new BulkInserter<Entitlement>(db, tx, assignKeys: true, _writes));
            _changes = _writes.Add(new BulkInserter<StatusChange>(db, tx, assignKeys: true, _writes));
            _undo = _writes.Add(new BulkInserter<ImportUndo>(db, tx, assignKeys: true, _writes));
        }

        /// <summary>The coach's grade of each row's note, as the row gives it (thread-safe: touches no state of the import).</summary>
        public string?[] Grades((int Row, string?[] Cells)[] rows)
        {
            var grades = new string?[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                var cells = rows[i].Cells;
                string? Cell(string column) =>
                    columns.TryGetValue(column, out var c) && c < cells.Length && !string.IsNullOrWhiteSpace(cells[c]) ? cells[c]!.Trim() : null;
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
                request.Progress?.Report(Rows);
            }

            var values = new RowValues(row, cells, header, columns, Problems);
            if (values.ForbiddenText())
            {
                // Refused in the dry run as in the real one: PostgreSQL could not even store a NUL.
                return;
            }

            var state = await TenantAsync(values, ct);
            var workload = values.Text(ImportColumns.Workload, FieldLimits.Name);
            if (workload is null)
            {
                values.Refuse(ImportColumns.Workload, Refusal.Of(RefusalCodes.ValueRequired, values.Heading(ImportColumns.Workload)));
            }

            var update = Update(values, grade);
            if (state is null || workload is null || values.Failed)
            {
                return;
            }

            var catalogued = WorkloadCatalogue.Default.Find(workload)?.Code ?? workload;
            var existing = state.Entitlements.FirstOrDefault(e => string.Equals(e.Workload, catalogued, StringComparison.OrdinalIgnoreCase));
            // This import wrote it already (its time is the import's): a second row for it is refused, not applied over the first.
            if (state.SetBy.TryGetValue(catalogued, out var earlier) || (existing is not null && existing.LastChangedAt == now && existing.LastChangedBy == Actor))
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
            request.Progress?.Report(Rows);
            if (!applied)
            {
                return 0;
            }

            await FlushAsync(ct);
            if (_droppedIndexes.Count > 0)
            {
                // SQLite's sorter may sort on a second thread; building the indexes of a large import is the place for it.
                await db.Database.ExecuteSqlRawAsync("PRAGMA threads = 2", ct);
                foreach (var sql in _droppedIndexes)
                {
#pragma warning disable EF1002 // The schema's own index definitions, read at the start.
                    await db.Database.ExecuteSqlRawAsync(sql, ct);
#pragma warning restore EF1002
                }

                await db.Database.ExecuteSqlRawAsync("PRAGMA threads = 0", ct);
            }

            if (SearchIndexPaused && !SearchIndexWasPausedBefore)
            {
                await Search.SearchIndex.IndexImportAsync(db, _tenants.FirstKey, _entitlements.FirstKey, _batch.Id, ct);
            }

            _batch.Rows = Rows;
            _batch.TenantsCreated = TenantsCreated;
            _batch.EntitlementsCreated = EntitlementsCreated;
            _batch.EntitlementsChanged = EntitlementsChanged;
            _batch.LastChangeId = await db.StatusChanges.IgnoreQueryFilters().MaxAsync(c => (long?)c.Id, ct) ?? 0;
            db.ImportBatches.Update(_batch);
            await db.SaveChangesAsync(ct);
            return _batch.Id;
        }

        public void Dispose()
        {
            _tenants?.Dispose();
            _entitlements?.Dispose();
            _changes?.Dispose();
            _undo?.Dispose();
        }

        private async Task<TenantState?> TenantAsync(RowValues values, CancellationToken ct)
        {
            var idText = values.Raw(ImportColumns.Id);
            if (idText is not null)
            {
                if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    values.Refuse(ImportColumns.Id, Refusal.Of(RefusalCodes.InvalidNumber, idText));
                    return null;
                }

                var byId = await LoadAsync(id, ct);
                if (byId is null)
                {
                    values.Refuse(ImportColumns.Id, Refusal.Of(RefusalCodes.TenantNotFound));
                }
                else
                {
                    CheckDetails(values, byId.Tenant);
                }

                return byId;
            }

            var name = values.Text(ImportColumns.Tenant, FieldLimits.Name);
            if (name is null)
            {
                values.Refuse(ImportColumns.Tenant, Refusal.Of(RefusalCodes.ValueRequired, values.Heading(ImportColumns.Tenant)));
                return null;
            }

            if (!Partner(values, out var partnerId))
            {
                return null;
            }

            if (_byName.TryGetValue((partnerId, name), out var ids))
            {
                if (ids.Count > 1)
                {
                    values.Refuse(ImportColumns.Tenant, Refusal.Of(RefusalCodes.TenantNameAmbiguous, ids.Count.ToString(CultureInfo.InvariantCulture), name));
                    return null;
                }

                var found = await LoadAsync(ids[0], ct);
                if (found is not null)
                {
                    CheckDetails(values, found.Tenant);
                }

                return found;
            }

            return await NewTenantAsync(values, name, partnerId, ct);
        }

        private bool Partner(RowValues values, out long? partnerId)
        {
            partnerId = db.Caller.PartnerId;
            var partner = values.Text(ImportColumns.Partner, FieldLimits.Name);
            if (partner is null)
            {
                return true;
            }

            if (!_partners.TryGetValue(partner, out var id) || (db.Caller.PartnerId is { } own && own != id))
            {
                values.Refuse(ImportColumns.Partner, Refusal.Of(RefusalCodes.UnknownPartner, partner));
                return false;
            }

            partnerId = id;
            return true;
        }

        private async Task<TenantState?> NewTenantAsync(RowValues values, string name, long? partnerId, CancellationToken ct)
        {
            var countryCode = values.Text(ImportColumns.Country, 10)?.ToUpperInvariant();
            var country = Geography.Default.FindCountry(countryCode);
            if (countryCode is null)
            {
                values.Refuse(ImportColumns.Country, Refusal.Of(RefusalCodes.ValueRequired, values.Heading(ImportColumns.Country)));
            }
            else if (country is null)
            {
                values.Refuse(ImportColumns.Country, Refusal.Of(RefusalCodes.UnknownCountry, countryCode));
            }

            var seats = values.Count(ImportColumns.Seats);
            var priority = values.Choice<Priority>(ImportColumns.Priority);
            var brand = values.Text(ImportColumns.Brand, FieldLimits.Name);
            var manager = values.Text(ImportColumns.Manager, FieldLimits.Name);
            if (manager is not null && (!_managers.TryGetValue(manager, out var managersPartner) || managersPartner != partnerId))
            {
                values.Refuse(ImportColumns.Manager, Refusal.Of(RefusalCodes.NotAManager, manager));
            }

            var industry = values.Text(ImportColumns.Industry, 100);
            if (values.Failed || country is null)
            {
                return null;
            }

            var tenant = new Tenant
            {
                Name = name,
                BrandName = brand,
                Country = country.Code,
                Region = country.Region,
                Industry = industry,
                Seats = seats ?? 0,
                PartnerId = partnerId,
                ManagerName = manager,
                Priority = priority ?? Domain.Tenants.Priority.Medium,
                CreatedAt = now,
            };
            _tenants.Add(tenant);
            _undo.Add(new ImportUndo { ImportId = _batch.Id, Kind = ImportUndoKind.TenantCreated, TenantId = tenant.Id, PartnerId = partnerId });
            _byName[(partnerId, name)] = [tenant.Id];
            TenantsCreated++;
            return await RememberAsync(new TenantState(tenant, [], created: true), ct);
        }

        /// <summary>An existing tenant's details stay as they are; a file that says otherwise is told so.</summary>
        private static void CheckDetails(RowValues values, Tenant tenant)
        {
            Same(values, ImportColumns.Tenant, values.Raw(ImportColumns.Tenant), tenant.Name);
            Same(values, ImportColumns.Brand, values.Raw(ImportColumns.Brand), tenant.BrandName);
            Same(values, ImportColumns.Country, values.Raw(ImportColumns.Country)?.ToUpperInvariant(), tenant.Country);
            Same(values, ImportColumns.Seats, values.Raw(ImportColumns.Seats), tenant.Seats.ToString(CultureInfo.InvariantCulture));
            Same(values, ImportColumns.Priority, values.Raw(ImportColumns.Priority), tenant.Priority.ToString(), ignoreCase: true);
            Same(values, ImportColumns.Manager, values.Raw(ImportColumns.Manager), tenant.ManagerName, ignoreCase: true);
            Same(values, ImportColumns.Industry, values.Raw(ImportColumns.Industry), tenant.Industry);
        }

        private static void Same(RowValues values, string column, string? given, string? stored, bool ignoreCase = false)
        {
            if (given is not null && !string.Equals(given, stored?.Trim(), ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                values.Refuse(column, Refusal.Of(RefusalCodes.TenantDetailDiffers, values.Heading(column), stored ?? ""));
            }
        }

        private async Task<TenantState?> LoadAsync(long id, CancellationToken ct)
        {
            if (_window.TryGetValue(id, out var known))
            {
                return known;
            }

            await _writes.IdleAsync();
            var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (tenant is null)
            {
                return null;
            }

            // Tracked: an edit is saved with the version check and the audit trail of a manual edit.
            var entitlements = await db.Entitlements.Where(e => e.TenantId == id).ToListAsync(ct);
            return await RememberAsync(new TenantState(tenant, entitlements), ct);
        }

        private async Task<TenantState> RememberAsync(TenantState state, CancellationToken ct)
        {
            if (_window.Count >= TenantWindow)
            {
                // Keep memory flat: edits so far are saved first, since their tracked rows are let go.
                await FlushAsync(ct);
            }

            _window[state.Tenant.Id] = state;
            return state;
        }

        private async Task FlushAsync(CancellationToken ct)
        {
            // New rows first: the tracked edits after them may refer to them.
            await _writes.SendAsync(ct);
            await _writes.IdleAsync();
            if (_pendingEdits > 0)
            {
                await db.SaveChangesAsync(ct);
                _pendingEdits = 0;
            }

            db.ChangeTracker.Clear();
            _window.Clear();
        }

        private EntitlementUpdate? Update(RowValues values, string? grade)
        {
            var l1 = values.Raw(ImportColumns.L1);
            var target = values.Date(ImportColumns.TargetDate);
            var start = values.Date(ImportColumns.EngagementStartDate);
            var unblock = values.Date(ImportColumns.ProjectedUnblockDate);
            var nextDate = values.Date(ImportColumns.NextActionDate);
            var scenario = values.Choice<EngagementScenario>(ImportColumns.Scenario);
            if (l1 is null)
            {
                // No status in the row: the entitlement is only registered (or left as it is). Status fields
                // without a status would be dropped without a word, so they are refused instead.
                var orphan = new[] { ImportColumns.L2, ImportColumns.L3, ImportColumns.Note, ImportColumns.TargetDate, ImportColumns.EngagementStartDate,
                    ImportColumns.ProjectedUnblockDate, ImportColumns.NextAction, ImportColumns.NextActionDate, ImportColumns.NextActionOwner,
                    ImportColumns.BusinessReason, ImportColumns.Scenario }.Any(c => values.Raw(c) is not null);
                if (orphan)
                {
                    values.Refuse(ImportColumns.L1, Refusal.Of(RefusalCodes.ValueRequired, values.Heading(ImportColumns.L1)));
                }

                return null;
            }

            var l2 = values.Raw(ImportColumns.L2);
            var note = values.Raw(ImportColumns.Note);
            var update = new EntitlementUpdate(l1, l2, values.Raw(ImportColumns.L3), note, target, start, unblock,
                values.Raw(ImportColumns.NextAction), nextDate, values.Raw(ImportColumns.NextActionOwner), values.Raw(ImportColumns.BusinessReason), scenario,
                EngagementStartDateReason: values.Raw(ImportColumns.EngagementStartDateReason));
            return values.Failed ? null : update with { NoteGrade = note is null ? null : grade };
        }

        private void Create(RowValues values, TenantState state, string workload, EntitlementUpdate? update)
        {
            var created = EntitlementRules.Create(state.Tenant, state.Entitlements.Select(e => e.Workload), workload, Actor, now);
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

        private async Task ChangeAsync(RowValues values, TenantState state, Entitlement entitlement, EntitlementUpdate? update, CancellationToken ct)
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
                db.OverallNotes.Add(explanation);
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

        private List<string> KnownL3(string? l2) => l2 is not null && _l3ByL2.TryGetValue(l2.Trim(), out var codes) ? codes : [];

        /// <summary>The one edit of every write path (rights, rules, the start-date reason); a refusal goes to the row.</summary>
        private Result<EntitlementEdit> Edited(RowValues values, TenantState state, Entitlement entitlement, EntitlementUpdate update)
        {
            var edited = EntitlementEditing.Apply(db.Caller, state.Tenant, entitlement, state.Entitlements, update, KnownL3(update.L2), expectedVersion: null, now);
            if (!edited.Succeeded)
            {
                values.Refuse(ImportColumns.ForField(edited.Refusal.Field), edited.Refusal);
            }

            return edited;
        }

        /// <summary>
        /// Refuses a row that gives a note another workload of the tenant already got from this file, unless the file
        /// says it means to (<see cref="Request.ConfirmSameNote"/>) or the customer is unresponsive on both.
        /// </summary>
        private bool SameNote(RowValues values, TenantState state, EntitlementUpdate update)
        {
            var notes = new List<(string? Note, string? L2)>(state.NotesSet) { (update.Normalized().Note, update.Normalized().L2) };
            if (!request.ConfirmSameNote && EntitlementRules.SameNoteNeedsConfirmation(notes))
            {
                var count = notes.Count(n => n.Note == update.Normalized().Note);
                values.Refuse(ImportColumns.Note, Refusal.Of(RefusalCodes.SameNoteOnSeveralWorkloads, count.ToString(CultureInfo.InvariantCulture)));
                return true;
            }

            state.NotesSet.Add(notes[^1]);
            return false;
        }
    }

    /// <summary>Tenant names match ignoring case and surrounding spaces, within one partner (or the centre).</summary>
    private sealed class NameKey : IEqualityComparer<(long? Partner, string Name)>
    {
        public static readonly NameKey Comparer = new();

        public bool Equals((long? Partner, string Name) x, (long? Partner, string Name) y) =>
            x.Partner == y.Partner && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((long? Partner, string Name) obj) =>
            HashCode.Combine(obj.Partner, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name));
    }

    /// <summary>One row's cells by column, parsed; every problem is added to the import's list.</summary>
    private sealed class RowValues(int row, string?[] cells, IReadOnlyList<string> header, Dictionary<string, int> columns, List<Problem> problems)
    {
        public bool Failed { get; private set; }

        public string Heading(string column) => columns.TryGetValue(column, out var i) ? header[i] : column;

        /// <summary>Refuses every cell of the row that holds a character no text may hold; true when there was one.</summary>
        public bool ForbiddenText()
        {
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i] is { } cell && TextRules.IndexOfForbidden(cell) is var at and >= 0)
                {
                    var heading = i < header.Count ? header[i] : (i + 1).ToString(CultureInfo.InvariantCulture);
                    Failed = true;
                    problems.Add(new Problem(row, heading, TextRules.Forbidden(heading, cell[at], at)));
                }
            }

            return Failed;
        }

        public void Refuse(string? column, Refusal refusal)
        {
            Failed = true;
            problems.Add(new Problem(row, column is null ? null : Heading(column), refusal));
        }

        /// <summary>The trimmed cell, or null when blank or absent.</summary>
        public string? Raw(string column) =>
            columns.TryGetValue(column, out var i) && i < cells.Length && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i]!.Trim() : null;

        public string? Text(string column, int max)
        {
            var value = Raw(column);
            if (value is { Length: var n } && n > max)
            {
                Refuse(column, Refusal.Of(RefusalCodes.FieldTooLong, Heading(column), max.ToString(CultureInfo.InvariantCulture)));
                return null;
            }

            return value;
        }

        public int? Count(string column)
        {
            var value = Raw(column);
            if (value is null)
            {
                return null;
            }

            if (int.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                return n;
            }

            Refuse(column, Refusal.Of(RefusalCodes.InvalidNumber, value));
            return null;
        }

        public T? Choice<T>(string column) where T : struct, Enum
        {
            var value = Raw(column);
            if (value is null)
            {
                return null;
            }

            if (!int.TryParse(value, out _) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed))
            {
                return parsed;
            }

            Refuse(column, Refusal.Of(RefusalCodes.UnknownChoice, value, string.Join(", ", Enum.GetNames<T>())));
            return null;
        }

        /// <summary>ISO dates, and the unambiguous forms spreadsheets write: 2026/07/01 and 01.07.2026.</summary>
        public DateOnly? Date(string column)
        {
            var value = Raw(column);
            if (value is null)
            {
                return null;
            }

            if (IsoDate(value) is { } iso || DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out iso))
            {
                return iso;
            }

            Refuse(column, Refusal.Of(RefusalCodes.InvalidDate, value));
            return null;
        }

        private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "d.M.yyyy"];

        /// <summary>The form nearly every row uses, read without the general parser (a large import reads millions).</summary>
        private static DateOnly? IsoDate(string value) =>
            value is [_, _, _, _, '-', _, _, '-', _, _]
            && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(value.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(value.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
                ? new DateOnly(year, month, day)
                : null;
    }
}
