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

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Headway") is { Length: > 0 } cs ? cs : DefaultConnectionString;

    public static string Provider(IConfiguration configuration) => configuration["Database:Provider"] ?? "Sqlite";

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        var provider = Provider(configuration);
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use 'Sqlite'.");
        }

        var connectionString = PrepareSqlite(ConnectionString(configuration));
        options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
    }

    /// <summary>Applies pending migrations and the per-file settings the portal relies on.</summary>
    public static async Task MigrateAsync(HeadwayDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) &&
            builder.DataSource != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        // Writers wait for each other instead of failing at once under concurrent edits.
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
