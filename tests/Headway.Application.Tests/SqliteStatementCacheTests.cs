using System.Runtime.InteropServices;
using Headway.Application.Data;
using Headway.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>
/// SQLite connections kept open between contexts with the statements they prepared (the portal's setting
/// Database:SqliteKeptConnections): each test opens its own file with pooling on, as the portal does.
/// </summary>
public sealed class SqliteStatementCacheTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(postgres: false);
        _connectionString = $"Data Source={_database.SqliteFile}";
    }

    public async Task DisposeAsync()
    {
        await using (var services = Services(_connectionString))
        {
            Shelf(services)?.Close();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ReadsInSuccessiveContexts_ShareOneConnectionAndRunTheStatementItPreparedOnce()
    {
        await using var services = Services(_connectionString);
        var connections = new List<SqliteConnection>();
        for (var i = 0; i < 5; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            Assert.True(await db.Workloads.AsNoTracking().CountAsync(w => w.Code != "none") > 0);
            connections.Add((SqliteConnection)db.Database.GetDbConnection());
        }

        Assert.All(connections, c => Assert.Same(connections[0], c));
        Assert.Equal(1, Shelf(services)!.Idle);

        // SQLite's own list of the connection's prepared statements: the count ran five times on one statement.
        var runs = await RunsAsync(connections[0], "FROM \"Workloads\"");
        Assert.Equal([5], runs);
    }

    [Fact]
    public async Task AKeptStatement_ReadsWhatAnotherConnectionCommittedSinceItsLastRun()
    {
        await using var services = Services(_connectionString);
        SqliteConnection first;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            Assert.Null(await NameOfExoAsync(db));
            first = (SqliteConnection)db.Database.GetDbConnection();
        }

        // Committed by a connection outside the shelf while the kept one waits for its next request.
        await using (var outside = new SqliteConnection(_connectionString + ";Pooling=False"))
        {
            await outside.OpenAsync();
            await using var update = outside.CreateCommand();
            update.CommandText = "UPDATE \"Workloads\" SET \"Name\" = 'Exchange, renamed' WHERE \"Code\" = 'EXO'";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            Assert.Equal("Exchange, renamed", await NameOfExoAsync(db));
            Assert.Same(first, db.Database.GetDbConnection());
        }

        Assert.Equal([2], await RunsAsync(first, "\"w\".\"Name\""));
    }

    [Fact]
    public async Task TwoContextsAtOnce_EachReadOnAConnectionOfItsOwn_AndSeeTheOthersCommit()
    {
        await using var services = Services(_connectionString);
        await using var reading = services.CreateAsyncScope();
        var reader = reading.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        Assert.Null(await NameOfExoAsync(reader));

        await using (var writing = services.CreateAsyncScope())
        {
            var writer = writing.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            Assert.NotSame(reader.Database.GetDbConnection(), writer.Database.GetDbConnection());
            var exo = await writer.Workloads.SingleAsync(w => w.Code == "EXO");
            exo.Name = "Exchange, renamed";
            await writer.SaveChangesAsync();
        }

        Assert.Equal("Exchange, renamed", await NameOfExoAsync(reader));
        Assert.Equal([2], await RunsAsync((SqliteConnection)reader.Database.GetDbConnection(), "\"w\".\"Name\""));
    }

    [Fact]
    public async Task AKeptStatement_RunsInsideATransactionBegunOnTheConnectionItself()
    {
        await using var services = Services(_connectionString);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            Assert.Null(await NameOfExoAsync(db));
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync();
            await using (var update = db.Database.GetDbConnection().CreateCommand())
            {
                update.CommandText = "UPDATE \"Workloads\" SET \"Name\" = 'inside' WHERE \"Code\" = 'EXO'";
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }

            // The kept statement of the first read, run again inside the transaction EF Core does not know of.
            Assert.Equal("inside", await NameOfExoAsync(db));
            await transaction.RollbackAsync();
        }

        Assert.Equal(1, Shelf(services)!.Idle);
        await using var next = services.CreateAsyncScope();
        Assert.Null(await NameOfExoAsync(next.ServiceProvider.GetRequiredService<HeadwayDbContext>()));
    }

    [Fact]
    public async Task AConnectionLeftInsideATransaction_IsClosedInsteadOfKept()
    {
        await using var services = Services(_connectionString);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            Assert.Null(await NameOfExoAsync(db));

            // A deferred BEGIN that has read nothing yet: SQLite holds no lock, but the next request would be inside it.
            await db.Database.ExecuteSqlRawAsync("BEGIN");
        }

        Assert.Equal(0, Shelf(services)!.Idle);
    }

    [Fact]
    public async Task AContextEndingInsideATransaction_RollsBackAndLeavesTheKeptConnectionFreeForWriters()
    {
        await using var services = Services(_connectionString);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            await db.Database.BeginTransactionAsync();
            var exo = await db.Workloads.SingleAsync(w => w.Code == "EXO");
            exo.Name = "never committed";
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, Shelf(services)!.Idle);

        // A connection outside the shelf writes at once: the kept one holds no lock (the busy timeout is not waited out).
        await using (var outside = new SqliteConnection(_connectionString + ";Pooling=False;Default Timeout=1"))
        {
            await outside.OpenAsync();
            await using var update = outside.CreateCommand();
            update.CommandText = "UPDATE \"Workloads\" SET \"Position\" = \"Position\" WHERE \"Code\" = 'EXO'";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        await using var next = services.CreateAsyncScope();
        Assert.Null(await NameOfExoAsync(next.ServiceProvider.GetRequiredService<HeadwayDbContext>()));
    }

    [Fact]
    public async Task AConnectionWithAStatementLeftPartWay_IsClosedInsteadOfKept()
    {
        await using var services = Services(_connectionString);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            await db.Database.OpenConnectionAsync();
            var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT \"Code\" FROM \"Workloads\"";
            var rows = await command.ExecuteReaderAsync();
            Assert.True(await rows.ReadAsync());

            // Neither the reader nor its command is disposed: the statement holds a read snapshot.
        }

        Assert.Equal(0, Shelf(services)!.Idle);
    }

    [Theory]
    [InlineData(";Pooling=False", 8)]
    [InlineData("", 0)]
    public async Task WithoutPoolingOrWithoutTheSetting_NoConnectionIsKept(string suffix, int kept)
    {
        var connectionString = _connectionString + suffix;
        await using var services = Services(connectionString, kept);
        SqliteConnection first;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            Assert.True(await db.Workloads.AsNoTracking().AnyAsync());
            first = (SqliteConnection)db.Database.GetDbConnection();
        }

        Assert.Null(Shelf(services));
        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
    }

    private static ServiceProvider Services(string connectionString, int kept = 4, int? cacheKilobytes = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("ConnectionStrings:Headway", connectionString),
            new("Database:Provider", "Sqlite"),
            new("Database:SqliteKeptConnections", kept.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. cacheKilobytes is { } kb ? [new KeyValuePair<string, string?>("Database:SqliteCacheKilobytes", kb.ToString(System.Globalization.CultureInfo.InvariantCulture))] : Array.Empty<KeyValuePair<string, string?>>(),
        ]).Build();
        var services = new ServiceCollection();
        services.AddScoped<ICallerSource>(_ => new FixedCaller(Caller.System));
        services.AddHeadwayApplication(configuration);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(4, null, -HeadwayDatabase.DefaultCacheKilobytes)]
    [InlineData(0, null, -HeadwayDatabase.DefaultCacheKilobytes)]
    [InlineData(4, 4096, -4096)]
    [InlineData(0, 0, -2000)]
    public async Task EveryConnection_ReadsTheFileThroughTheMapAndKeepsTheConfiguredCache(int kept, int? cacheKilobytes, long expected)
    {
        await using var services = Services(_connectionString, kept, cacheKilobytes);
        for (var i = 0; i < 2; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(expected, await PragmaAsync(db, "cache_size"));
            Assert.Equal(HeadwayDatabase.DefaultMemoryMapBytes, await PragmaAsync(db, "mmap_size"), (a, b) => Math.Abs(a - b) < 1 << 20);
        }
    }

    private static async Task<long> PragmaAsync(HeadwayDbContext db, string pragma)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<string?> NameOfExoAsync(HeadwayDbContext db) =>
        db.Workloads.AsNoTracking().Where(w => w.Code == "EXO").Select(w => w.Name).SingleAsync();

    /// <summary>How often each prepared statement of the connection whose SQL contains the text has run, from SQLite's own list.</summary>
    private static Task<List<long>> RunsAsync(SqliteConnection connection, string sqlContains)
    {
        var runs = new List<long>();
        var handle = connection.Handle!.DangerousGetHandle();
        for (var statement = NextStatement(handle, 0); statement != 0; statement = NextStatement(handle, statement))
        {
            if (Marshal.PtrToStringUTF8(Sql(statement))?.Contains(sqlContains, StringComparison.Ordinal) == true)
            {
                runs.Add(StatementStatus(statement, StatusRun, 0));
            }
        }

        return Task.FromResult(runs);
    }

    private static SqliteConnectionShelf? Shelf(ServiceProvider services)
    {
        using var scope = services.CreateScope();
        return SqliteConnectionShelf.Find(scope.ServiceProvider.GetRequiredService<HeadwayDbContext>().Database.GetConnectionString()!);
    }

    private const int StatusRun = 6;

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_next_stmt", ExactSpelling = true)]
    private static extern nint NextStatement(nint connection, nint statement);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_sql", ExactSpelling = true)]
    private static extern nint Sql(nint statement);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_stmt_status", ExactSpelling = true)]
    private static extern int StatementStatus(nint statement, int operation, int reset);
}
