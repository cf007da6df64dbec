using Headway.Application;
using Headway.Application.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Headway.Testing;

/// <summary>
/// A real, migrated database of its own, deleted afterwards: a SQLite file in a temporary folder, or, when
/// HEADWAY_TEST_PROVIDER is Postgres, a PostgreSQL database on the server HEADWAY_TEST_POSTGRES names
/// (a connection string of a role that may create databases). The test script runs the suites both ways.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _postgresTemplate;
    private static string? _sqliteTemplate;

    private TestDatabase(string folder, string connectionString, string? postgresName)
    {
        Folder = folder;
        ConnectionString = connectionString;
        PostgresName = postgresName;
    }

    /// <summary>True when the tests run on PostgreSQL.</summary>
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("HEADWAY_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public string Provider => PostgresName is null ? "Sqlite" : "Postgres";

    public string Folder { get; }

    public string ConnectionString { get; }

    private string? PostgresName { get; }

    /// <summary>
    /// A fresh database on the provider the run is for, or on PostgreSQL when <paramref name="postgres"/> says so; a
    /// SQLite file goes into <paramref name="parent"/> when one is given (a small file system of the test's own).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool? postgres = null, string? parent = null)
    {
        var folder = Path.Combine(parent ?? Path.Combine(Path.GetTempPath(), "headway-tests"), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (postgres ?? IsPostgres)
        {
            // Migrating takes a second or two on PostgreSQL; each process migrates one template and copies it.
            var template = await PostgresTemplateAsync();
            var name = "headway_t_" + Guid.NewGuid().ToString("N");
            await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            return new TestDatabase(folder, ServerConnection(name), name);
        }

        // SQLite the same way: the template is a closed file with its write-ahead log checkpointed into it, so a
        // copy is the whole database, and it stays in WAL mode (the journal mode is kept in the file's header).
        var file = Path.Combine(folder, "headway.db");
        File.Copy(await SqliteTemplateAsync(), file);
        return new TestDatabase(folder, SqliteConnection(file), null);
    }

    public IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection([new("ConnectionStrings:Headway", ConnectionString), new("Database:Provider", Provider)])
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

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)");
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finished test is left for the OS to clean up.
        }
    }

    private async Task MigrateAsync()
    {
        await using var scope = Services().CreateAsyncScope();
        await HeadwayDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<HeadwayDbContext>());
    }

    private static async Task<string> PostgresTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_postgresTemplate is null)
            {
                var name = $"headway_tpl_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
                await AdminAsync($"CREATE DATABASE \"{name}\"");
                var migrating = new TestDatabase(Path.GetTempPath(), ServerConnection(name), name);
                await migrating.MigrateAsync();
                NpgsqlConnection.ClearAllPools();
                _postgresTemplate = name;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    NpgsqlConnection.ClearAllPools();
                    AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
                };
            }

            return _postgresTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<string> SqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplate is null)
            {
                var folder = Path.Combine(Path.GetTempPath(), "headway-tests");
                Directory.CreateDirectory(folder);
                var file = Path.Combine(folder, $"template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
                await new TestDatabase(folder, SqliteConnection(file), null).MigrateAsync();
                await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(SqliteConnection(file)))
                {
                    await connection.OpenAsync();
                    await using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await checkpoint.ExecuteNonQueryAsync();
                }

                // The last connection to close removes the log; one left behind would hold part of the schema.
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (File.Exists(file + "-wal"))
                {
                    throw new InvalidOperationException($"The SQLite template {file} still has a write-ahead log after its last connection closed.");
                }

                _sqliteTemplate = file;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    foreach (var path in new[] { file, file + "-shm" })
                    {
                        File.Delete(path);
                    }
                };
            }

            return _sqliteTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static string SqliteConnection(string file) => $"Data Source={file};Pooling=False";

    private static string ServerConnection(string database) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("HEADWAY_TEST_POSTGRES")
            ?? throw new InvalidOperationException("HEADWAY_TEST_PROVIDER is Postgres but HEADWAY_TEST_POSTGRES is not set."))
        {
            Database = database,
        }.ToString();

    /// <summary>The name of the PostgreSQL database (null for SQLite).</summary>
    public string? PostgresDatabase => PostgresName;

    /// <summary>The SQLite file (null for PostgreSQL).</summary>
    public string? SqliteFile => PostgresName is null ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>Runs a statement on the PostgreSQL server as the test role, connected to its maintenance database.</summary>
    public static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnection("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
