using System.Data.Common;
using System.Runtime.CompilerServices;
using Headway.Application.Telemetry;
using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Headway.Application.Data;

/// <summary>
/// Counts the entitlement history entries every use case writes (<see cref="HeadwayTelemetry.StatusChanges"/>) where
/// they are saved, so no way of changing an entitlement can forget it. An entry saved inside a transaction counts when
/// the transaction commits, and not at all when it rolls back. Bulk loads write past the change tracker and count
/// themselves (the import). The coach's grade of a note written with an entry is counted with it
/// (<see cref="HeadwayTelemetry.CoachGrades"/>).
/// </summary>
internal sealed class HistoryMetrics : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Entries of a context being saved, then saved but waiting for their transaction.</summary>
    private sealed class Pending
    {
        public readonly Dictionary<(ChangeKind Kind, string? Grade), long> Saving = [];
        public readonly Dictionary<(ChangeKind Kind, string? Grade), long> Uncommitted = [];
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context, saving: true);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: true);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context, saving: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: false);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        Dictionary<(ChangeKind, string?), long>? saving = null;
        foreach (var entry in context.ChangeTracker.Entries<StatusChange>())
        {
            if (entry.State == EntityState.Added)
            {
                saving ??= _pending.GetOrCreateValue(context).Saving;
                var change = entry.Entity;
                // The grade counts when the note itself was written, not when another field changed beside it.
                var grade = change.NoteGrade is { } g && change.Changes.Any(c => c.Field == nameof(StatusChange.Note)) ? g : null;
                saving[(change.Kind, grade)] = saving.GetValueOrDefault((change.Kind, grade)) + 1;
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Saving.Count == 0)
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            Count(pending.Saving);
        }
        else
        {
            foreach (var (kind, count) in pending.Saving)
            {
                pending.Uncommitted[kind] = pending.Uncommitted.GetValueOrDefault(kind) + count;
            }
        }

        pending.Saving.Clear();
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            Count(pending.Uncommitted);
            pending.Uncommitted.Clear();
        }
    }

    private void Forget(DbContext? context, bool saving)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            (saving ? pending.Saving : pending.Uncommitted).Clear();
        }
    }

    private static void Count(Dictionary<(ChangeKind Kind, string? Grade), long> counts)
    {
        foreach (var ((kind, grade), count) in counts)
        {
            HeadwayTelemetry.Changed(count, Name(kind), "edit");
            if (grade is not null)
            {
                HeadwayTelemetry.Graded(grade, "saved", count);
            }
        }
    }

    private static string Name(ChangeKind kind) => kind switch
    {
        ChangeKind.Created => "created",
        ChangeKind.Edited => "edited",
        ChangeKind.TenantMarkedDuplicate => "tenant_marked_duplicate",
        ChangeKind.TenantRestored => "tenant_restored",
        ChangeKind.NextActionDone => "next_action_done",
        _ => "other",
    };
}
