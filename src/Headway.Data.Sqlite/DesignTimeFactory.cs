using Headway.Application;
using Headway.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Headway.Data.Sqlite;

/// <summary>Lets `dotnet ef` build the model for SQLite without starting the portal.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HeadwayDbContext>
{
    public HeadwayDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HeadwayDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(HeadwayDatabase.SqliteMigrationsAssembly))
            .Options;
        return new HeadwayDbContext(options, new FixedCaller(Caller.System), TimeProvider.System);
    }
}
