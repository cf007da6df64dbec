using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Headway.Application.Data;

/// <summary>
/// Chooses the database from configuration (see docs/decisions/ADR-003). Each provider keeps its
/// migrations in its own assembly, so the model stays provider-neutral.
/// </summary>
public static class HeadwayDatabase
{
    public const string DefaultConnectionString = "Data Source=data/headway.db";
    public const string SqliteMigrationsAssembly = "Headway.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Headway.Data.Postgres";

    /// <summary>How much of a SQLite file is read through a memory map (see <see cref="SqliteReadSettings"/>); SQLite caps it at 2 GB.</summary>
    public const long DefaultMemoryMapBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>How many KiB of pages each SQLite connection keeps of the file beyond its memory map (see <see cref="SqliteReadSettings"/>).</summary>
    public const int DefaultCacheKilobytes = 16 * 1024;

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Headway") is { Length: > 0 } cs ? cs : DefaultConnectionString;

    public static string Provider(IConfiguration configuration) => configuration["Database:Provider"] is { Length: > 0 } p ? p : "Sqlite";

    /// <summary>True when configuration chooses PostgreSQL; anything but Sqlite or Postgres is refused at start.</summary>
    public static bool IsPostgres(IConfiguration configuration)
    {
        var provider = Provider(configuration);
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use 'Sqlite' or 'Postgres'.");
    }

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        if (IsPostgres(configuration))
        {
            var connectionString = configuration.GetConnectionString("Headway") is { Length: > 0 } cs
                ? cs
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Headway is empty.");
            options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly).UseParameterizedCollectionMode(ListsAs))
                .AddInterceptors(History);
            return;
        }

        SqliteLibrary.Configure();
        var sqlite = PrepareSqlite(ConnectionString(configuration), configuration);
        options.UseSqlite(sqlite, o => o.MigrationsAssembly(SqliteMigrationsAssembly)
                .UseParameterizedCollectionMode(ListsAs))
            .AddInterceptors(new ImportGate(Imports.ImportActivity.For(configuration)),
                new SqliteReadSettings(configuration.GetValue("Database:SqliteMemoryMapBytes", DefaultMemoryMapBytes),
                    configuration.GetValue("Database:SqliteCacheKilobytes", DefaultCacheKilobytes)), History);
        KeepConnectionsOpen(options, sqlite, configuration);
    }

    /// <summary>
    /// With <c>Database:SqliteKeptConnections</c> above zero (the portal's setting), SQLite connections stay open between
    /// contexts with the statements they prepared, up to <c>Database:SqliteKeptStatements</c> each (see
    /// <see cref="SqliteConnectionShelf"/>). Off where the connection string turns pooling off, which is also how a
    /// caller asks for a file that no connection of this process holds between uses, and for an in-memory database.
    /// </summary>
    private static void KeepConnectionsOpen(DbContextOptionsBuilder options, string connectionString, IConfiguration configuration)
    {
        var kept = configuration.GetValue("Database:SqliteKeptConnections", 0);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (kept <= 0 || !builder.Pooling || builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }

        SqliteConnectionShelf.Register(connectionString, kept, configuration.GetValue("Database:SqliteKeptStatements", 100));
#pragma warning disable EF1001 // EF Core's SQLite connection service is internal API (see KeptOpenSqliteConnection).
        options.ReplaceService<Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.ISqliteRelationalConnection, KeptOpenSqliteConnection>()
            .AddInterceptors(SqliteStatementInterceptor.Instance);
#pragma warning restore EF1001
    }

    /// <summary>Closes the idle SQLite connections kept for the configured database (see <see cref="SqliteConnectionShelf"/>).</summary>
    public static void CloseKeptConnections(IConfiguration configuration)
    {
        if (!IsPostgres(configuration))
        {
            SqliteConnectionShelf.Find(PrepareSqlite(ConnectionString(configuration), configuration))?.Close();
        }
    }

    /// <summary>
    /// A list in a query (ids.Contains(e.Id)) goes to the database as one parameter (a JSON array in SQLite, an array in
    /// PostgreSQL), so the query's SQL is the same whatever the list's length and EF Core generates it once. Sent as one
    /// parameter per element (EF Core's default), every run of such a query made its SQL anew, under a lock that the
    /// portal's concurrent requests for the same query queued on. The tenant list's and the reports' filter values stay
    /// one parameter each (<c>EF.MultipleParameters</c>), as SQLite plans an index by them better than by an array.
    /// </summary>
    private const ParameterTranslationMode ListsAs = ParameterTranslationMode.Parameter;

    /// <summary>One for the process: it keeps nothing but what contexts are saving.</summary>
    private static readonly HistoryMetrics History = new();

    /// <summary>The SQLite file configuration names, resolved as the portal and the CLI open it; null for an in-memory database.</summary>
    public static string? SqliteFile(IConfiguration configuration)
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString(configuration));
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
            ? null
            : ResolveDataFile(builder.DataSource, Directory.GetCurrentDirectory());
    }

    /// <summary>
    /// Where a relative database path points. `dotnet run` starts the portal in its project folder and the
    /// command line wherever it is called, so inside a source checkout a relative path is taken from the
    /// checkout's root (the folder of Headway.slnx): the portal and the CLI then share data/headway.db.
    /// Elsewhere (an installed build) it is taken from the working directory.
    /// </summary>
    public static string ResolveDataFile(string path, string workingDirectory)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Headway.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, path));
            }
        }

        return Path.GetFullPath(Path.Combine(workingDirectory, path));
    }

    /// <summary>Applies pending migrations and the per-file settings the portal relies on.</summary>
    public static async Task MigrateAsync(HeadwayDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file)
        {
            SqliteFiles.EnsureWritable(file);
        }

        await RefuseUnknownMigrationsAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize;", ct);
        }

        await Search.SearchIndex.RecoverAsync(db, ct);
        await Taxonomy.Workloads.SeedAsync(db, ct);
    }

    /// <summary>
    /// A database that records a migration this build does not have was made by another build: one from before the
    /// migrations were squashed (docs/decisions/ADR-005) or a newer release. Migrating it would fail half-way on a
    /// table that already exists, or run a newer schema with older code, so it is refused with the reason instead.
    /// </summary>
    private static async Task RefuseUnknownMigrationsAsync(HeadwayDbContext db, CancellationToken ct)
    {
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database was migrated by another build of Headway: it records migration {unknown[0]}, which this build does not have. " +
                "A database made before the first release cannot be upgraded (see docs/decisions/ADR-005): start on a new one; an entitlement export imports into it.");
        }
    }

    /// <summary>
    /// Gathers the index statistics the query planner chooses by. Without them SQLite may scan every
    /// In progress entitlement to find one manager's few hundred; run after loading data in bulk.
    /// The analysis is sampled, so it takes about a second on 100,000 tenants.
    /// </summary>
    public static async Task RefreshStatisticsAsync(HeadwayDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        }
    }

    /// <summary>
    /// A unique constraint refused the write: another node or request got there first. Only that: SQLite's
    /// constraint code 19 also covers NOT NULL, CHECK and foreign keys, so its extended code is compared.
    /// </summary>
    public static bool IsUniqueViolation(System.Data.Common.DbException e) =>
        e is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }
            or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// Bulk loads assign keys themselves. PostgreSQL's identity sequences do not see those rows, so each is
    /// moved past the largest key afterwards; SQLite takes the next key from the table itself.
    /// </summary>
    public static async Task SyncKeySequencesAsync(HeadwayDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.FindPrimaryKey()?.Properties is not [{ ValueGenerated: Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd } key]
                || key.ClrType != typeof(long) && key.ClrType != typeof(int) || entity.GetTableName() is not { } table)
            {
                continue;
            }

            var column = key.GetColumnName();
#pragma warning disable EF1002 // Table and column names come from the model, not from input.
            await db.Database.ExecuteSqlRawAsync(
                $"""SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), coalesce(max("{column}"), 0) + 1, false) FROM "{table}";""", ct);
#pragma warning restore EF1002
        }
    }

    private static string PrepareSqlite(string connectionString, IConfiguration configuration)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = ResolveDataFile(builder.DataSource, Directory.GetCurrentDirectory());
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        // Writers wait for each other instead of failing at once under concurrent edits; a writer that waited this
        // long is answered "busy, try again" (see DatabaseFaults).
        builder.DefaultTimeout = configuration.GetValue("Database:BusyTimeoutSeconds", Math.Max(builder.DefaultTimeout, 30));

        return builder.ToString();
    }
}
