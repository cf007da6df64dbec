using Headway.Application;
using Headway.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Headway.Data.Postgres;

/// <summary>Lets `dotnet ef` build the model for PostgreSQL without a server: creating migrations never connects.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HeadwayDbContext>
{
    public HeadwayDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HeadwayDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=headway_design", o => o.MigrationsAssembly(HeadwayDatabase.PostgresMigrationsAssembly))
            .Options;
        return new HeadwayDbContext(options, new FixedCaller(Caller.System), TimeProvider.System);
    }
}
