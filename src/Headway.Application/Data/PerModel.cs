using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Headway.Application.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for each model it runs against. EF Core binds a compiled query to the
/// model of the first context that runs it and refuses every other; a process that opens both SQLite and PostgreSQL (the
/// tests, a copy from one database to the other) has a model for each. The queries are held as long as their model is.
/// </summary>
internal sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    /// <summary>The query compiled for this context's model.</summary>
    public TQuery For(HeadwayDbContext db) => _compiled.GetValue(db.Model, _ => compile());
}
