using Headway.Application;
using Headway.Application.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Testing;

/// <summary>A real SQLite database file in a temporary folder, migrated, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string folder)
    {
        Folder = folder;
        ConnectionString = $"Data Source={Path.Combine(folder, "headway.db")};Pooling=False";
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "headway-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = new TestDatabase(folder);
        await using var scope = db.Services().CreateAsyncScope();
        await HeadwayDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<HeadwayDbContext>());
        return db;
    }

    public IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection([new("ConnectionStrings:Headway", ConnectionString)])
        .Build();

    /// <summary>The application's services as a given caller sees them, at a fixed time if one is given.</summary>
    public ServiceProvider Services(Caller? caller = null, DateTimeOffset? now = null)
    {
        var services = new ServiceCollection();
        services.AddScoped<ICallerSource>(_ => new FixedCaller(caller ?? Caller.System));
        if (now is { } fixedNow)
        {
            services.AddSingleton<TimeProvider>(new FixedClock(fixedNow));
        }

        services.AddHeadwayApplication(Configuration());
        return services.BuildServiceProvider();
    }

    /// <summary>Runs one unit of work as a caller and returns its result.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work, Caller? caller = null, DateTimeOffset? now = null)
    {
        await using var provider = Services(caller, now);
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finished test is left for the OS to clean up.
        }

        return ValueTask.CompletedTask;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
