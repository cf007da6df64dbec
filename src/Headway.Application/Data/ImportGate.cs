using System.Data.Common;
using Headway.Application.Imports;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Headway.Application.Data;

/// <summary>
/// Refuses a write at once while a bulk load holds the SQLite database (see <see cref="ImportActivity"/>), instead
/// of letting it wait out the busy timeout. Every write of the application starts a transaction or saves changes,
/// so checking those two moments covers them all; the load's own context is marked and passes.
/// </summary>
internal sealed class ImportGate(ImportActivity activity) : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Check(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    private void Check(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is HeadwayDbContext { HoldsBulkLoad: true })
        {
            return;
        }

        if (activity.Running() is { } running)
        {
            throw new ImportRunningException(running);
        }
    }
}
