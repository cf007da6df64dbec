using System.Diagnostics;
using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Telemetry;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, ImportLimits limits, ImportActivity activity, Domain.Taxonomy.WorkloadCatalogue catalogue,
        ILogger<Handler>? logger = null)
    {
        public async Task<Result<Response>> HandleAsync(Request request, CancellationToken ct = default)
        {
            using var span = HeadwayTelemetry.Source.StartActivity("import");
            span?.SetTag("headway.import.dry_run", request.DryRun);
            var started = Stopwatch.GetTimestamp();
            var result = await ImportAsync(request, ct);
            if (result.Succeeded)
            {
                Record(result.Value, Stopwatch.GetElapsedTime(started).TotalSeconds);
                span?.SetTag("headway.import.applied", result.Value.Applied).SetTag("headway.import.rows", result.Value.Rows);
            }

            return result;
        }

        /// <summary>What operators watch of an import: a log event, the runs, rows and time, and the history it wrote.</summary>
        private void Record(Response response, double seconds)
        {
            var mode = new KeyValuePair<string, object?>("mode", response.DryRun ? "dry_run" : "real");
            var outcome = new KeyValuePair<string, object?>("outcome", response.Applied ? "applied" : "not_applied");
            HeadwayTelemetry.Imports.Add(1, mode, outcome);
            HeadwayTelemetry.ImportRows.Add(response.Rows, mode, outcome);
            HeadwayTelemetry.ImportDuration.Record(seconds, mode, outcome);
            var log = logger ?? (ILogger)NullLogger.Instance;
            if (response.Applied)
            {
                HeadwayTelemetry.Changed(response.EntitlementsCreated, "created", "import");
                HeadwayTelemetry.Changed(response.EntitlementsChanged, "edited", "import");
                HeadwayLog.ImportApplied(log, response.ImportId, db.Caller.UserName, response.Rows, response.TenantsCreated, response.EntitlementsCreated,
                    response.EntitlementsChanged, seconds);
            }
            else
            {
                HeadwayLog.ImportNotApplied(log, db.Caller.UserName, response.DryRun, response.Rows, response.Problems.Count, seconds);
            }
        }

        private async Task<Result<Response>> ImportAsync(Request request, CancellationToken ct)
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
            if (!BulkLoad.TryBegin(db, activity, request.FileName, clock.GetUtcNow(), out var load, out var other))
            {
                return Refusal.Of(RefusalCodes.ImportRunning, other.StartedAt.ToString("u", CultureInfo.InvariantCulture),
                    ImportActivity.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
            }

            using var held = load;

            // Microseconds: what PostgreSQL stores, so the import's time reads back equal on both databases.
            var now = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            // Declared after the transaction, so disposed before it: the statements the run prepared on the connection are
            // finalised while the transaction still holds it, not after the connection went back to the pool.
            using var run = new ImportRun(db, now.AddTicks(-(now.Ticks % 10)), request, reader.Header, columns, load, catalogue);
            try
            {
                return await RunAsync(request, reader, run, load, tx, ct);
            }
            finally
            {
                // Nothing may still be writing on the connection when the transaction ends, however it ends.
                await run.SettledAsync();
            }
        }

        private async Task<Result<Response>> RunAsync(Request request, ImportReader reader, ImportRun run, BulkLoad load, IDbContextTransaction tx,
            CancellationToken ct)
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
                if (load.SearchIndexWasPausedBefore)
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
}
