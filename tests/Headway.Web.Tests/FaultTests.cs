using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Headway.Application.Imports;
using Headway.Testing;
using Microsoft.Data.Sqlite;

namespace Headway.Web.Tests;

/// <summary>
/// A database that cannot serve (locked past the busy timeout, refusing connections, full, read-only, held by an
/// import) is answered with 503, a stable code and Retry-After, a page that keeps what was typed, and a /readyz
/// that says so; nothing is half written, and the same request succeeds once the database is back.
/// </summary>
public partial class FaultTests
{
    private static readonly Dictionary<string, string> ShortBusyTimeout = new() { ["Database:BusyTimeoutSeconds"] = "1" };

    [Fact]
    public async Task Write_DatabaseCannotServe_Is503WithCodeAndRetryAfter_ReadyzSaysSo_AndTheRetrySucceeds()
    {
        await using var server = await StartAsync(new HeadwayServer { DemoTenants = 5, Settings = ShortBusyTimeout });
        using var client = server.NewClient(acceptLanguage: "ja");
        var (id, workload, version) = await SomeEntitlementAsync(client);

        HttpResponseMessage refused, ready;
        await using (await BlockAsync(server))
        {
            refused = await PutAsync(client, id, workload, version, "顧客のファイアウォールが SMTP を転送しないため、メールボックスが接続できません。");
            ready = await client.GetAsync("/readyz");
        }

        var accepted = await RetryWhileUnavailableAsync(() => PutAsync(client, id, workload, version, "顧客のファイアウォールが SMTP を転送しないため、メールボックスが接続できません。"));

        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, await refused.Content.ReadAsStringAsync());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TestDatabase.IsPostgres ? "DatabaseUnavailable" : "DatabaseBusy", problem.GetProperty("code").GetString());
        Assert.Contains("何も保存されていません", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(version + 1, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task EditPage_SavedWhileTheDatabaseCannotServe_ShowsWhatWasTypedAndSendsItAgain()
    {
        await using var server = await StartAsync(new HeadwayServer { DemoTenants = 5, Settings = ShortBusyTimeout });
        using var client = server.NewClient(acceptLanguage: "de");
        var (id, workload, version) = await SomeEntitlementAsync(client);
        var form = await client.GetStringAsync($"/tenants/{id}/entitlements/{workload}/edit");
        const string note = "Der Proxy des Kunden trennt lange Verbindungen; das Netzwerkteam tauscht ihn in Kalenderwoche 30.";
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(form),
            ["Form.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.L1"] = "Blocked",
            ["Form.L2"] = "CustomerItInfrastructureRemediation",
            ["Form.Note"] = note,
        };

        string page;
        HttpStatusCode status;
        await using (await BlockAsync(server))
        {
            var response = await client.PostAsync($"/tenants/{id}/entitlements/{workload}/edit", new FormUrlEncodedContent(fields));
            (status, page) = (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var retry = RetryForm().Match(page);
        var resent = RetryField().Matches(retry.Groups[2].Value)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        var saved = await RetryWhileUnavailableAsync(() => client.PostAsync(WebUtility.HtmlDecode(retry.Groups[1].Value), new FormUrlEncodedContent(resent)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("<html lang=\"de\">", page, StringComparison.Ordinal);
        Assert.Contains("Was Sie eingegeben haben", page, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(note), page, StringComparison.Ordinal);
        Assert.True(retry.Success, "no form to send it again");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}/entitlements/{workload}");
        Assert.Equal((note, version + 1), (after.GetProperty("note").GetString(), after.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Sqlite_ImportHoldingTheDatabase_EditsAre503AtOnceAndTheEditorSaysSo()
    {
        await using var server = await StartAsync(new HeadwayServer { DemoTenants = 5, SqliteFolder = Path.Combine(Path.GetTempPath(), "headway-tests") });
        using var client = server.NewClient();
        var (id, workload, version) = await SomeEntitlementAsync(client);
        // What a `headway import` in another process does: it takes the lock file beside the database.
        var activity = ImportActivity.For(server.Database.Configuration());

        HttpResponseMessage refused, ready;
        string editor;
        var (hold, _) = activity.Begin("gateway@centre.example", "tenants-2026.csv", DateTimeOffset.UtcNow);
        using (hold)
        {
            var clock = Stopwatch.StartNew();
            refused = await PutAsync(client, id, workload, version, "Customer is blocked by the proxy until the network team replaces it.");
            clock.Stop();
            editor = await client.GetStringAsync($"/tenants/{id}/entitlements/{workload}/edit");
            ready = await client.GetAsync("/readyz");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), "the edit waited for the busy timeout instead of being refused at once");
        }

        var accepted = await PutAsync(client, id, workload, version, "Customer is blocked by the proxy until the network team replaces it.");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("ImportRunning", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(ImportActivity.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("id=\"import-running\"", editor, StringComparison.Ordinal);
        Assert.Contains("tenants-2026.csv", editor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Degraded", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Sqlite_FullDisk_WritesAre503DatabaseFull_ReadyzSaysSo_AndWritesWorkOnceThereIsRoom()
    {
        var mount = Path.Combine(Path.GetTempPath(), "headway-tests", "full-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(mount);
        Run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount);
        try
        {
            await using var server = await StartAsync(new HeadwayServer
            {
                DemoTenants = 5,
                SqliteFolder = mount,
                Settings = new Dictionary<string, string> { ["Database:MinFreeMegabytes"] = "1" },
            });
            using var client = server.NewClient();
            var (id, workload, version) = await SomeEntitlementAsync(client);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
            await CheckpointAsync(server.Database.SqliteFile!);
            var filler = Path.Combine(mount, "filler");
            Fill(filler);

            var refused = await PutAsync(client, id, workload, version, "Customer is blocked by the proxy; the network team replaces it in week 30.");
            // A load balancer asks without signing in.
            using var balancer = server.NewClient(user: null);
            var ready = await balancer.GetAsync("/readyz");
            File.Delete(filler);
            var accepted = await PutAsync(client, id, workload, version, "Customer is blocked by the proxy until the network team replaces it.");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("DatabaseFull", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal(version + 1, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", mount);
        }
    }

    [Fact]
    public async Task Sqlite_StartOnADatabaseFileThatCannotBeWritten_FailsNamingTheFileAndLeavesNoSharedMemoryFile()
    {
        var database = await TestDatabase.CreateAsync(postgres: false);
        var file = database.SqliteFile!;
        SqliteConnection.ClearAllPools();
        foreach (var side in new[] { file + "-wal", file + "-shm" })
        {
            File.Delete(side);
        }

        Run("chattr", "+i", file);
        try
        {
            var server = new HeadwayServer { DemoTenants = 0, SharedDatabase = database };
            var error = await Assert.ThrowsAnyAsync<Exception>(() => ((IAsyncLifetime)server).InitializeAsync());

            var message = string.Join(" | ", Chain(error).Select(e => e.Message));
            Assert.Contains(file, message, StringComparison.Ordinal);
            Assert.Contains("chmod u+w", message, StringComparison.Ordinal);
            Assert.False(File.Exists(file + "-shm"), "a -shm file was left behind");
        }
        finally
        {
            Run("chattr", "-i", file);
            await database.DisposeAsync();
        }
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    private static async Task<HeadwayServer> StartAsync(HeadwayServer server)
    {
        await ((IAsyncLifetime)server).InitializeAsync();
        return server;
    }

    /// <summary>Makes the server's database unable to serve writes until disposed: SQLite locked by another writer, PostgreSQL refusing connections.</summary>
    private static async Task<IAsyncDisposable> BlockAsync(HeadwayServer server)
    {
        if (server.Database.SqliteFile is { } file)
        {
            var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await using (var begin = connection.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            return new Release(async () =>
            {
                await using (var rollback = connection.CreateCommand())
                {
                    rollback.CommandText = "ROLLBACK;";
                    await rollback.ExecuteNonQueryAsync();
                }

                await connection.DisposeAsync();
            });
        }

        var name = server.Database.PostgresDatabase!;
        await TestDatabase.AdminAsync($"ALTER DATABASE \"{name}\" CONNECTION LIMIT 0");
        await TestDatabase.AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return new Release(() => new ValueTask(TestDatabase.AdminAsync($"ALTER DATABASE \"{name}\" CONNECTION LIMIT -1")));
    }

    private sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }

    /// <summary>A connection pooled before the database came back may fail once more; a client told "503, retry" retries.</summary>
    private static async Task<HttpResponseMessage> RetryWhileUnavailableAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 3)
            {
                return response;
            }
        }
    }

    private static async Task<(long Id, string Workload, int Version)> SomeEntitlementAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=50");
        var id = list.GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && !t.GetProperty("duplicate").GetBoolean())
            .GetProperty("id").GetInt64();
        var e = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}")).GetProperty("entitlements")[0];
        return (id, e.GetProperty("workload").GetString()!, e.GetProperty("version").GetInt32());
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, long id, string workload, int version, string note)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{id}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new { l1 = "Blocked", l2 = "CustomerItInfrastructureRemediation", note }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(put);
    }

    /// <summary>Empties the write-ahead log, so the next write must grow it.</summary>
    private static async Task CheckpointAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    private static void Fill(string path)
    {
        var block = new byte[1 << 20];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // The disk is full.
        }

        try
        {
            // What is left of a last partial block.
            while (true)
            {
                stream.Write(block, 0, 4096);
            }
        }
        catch (IOException)
        {
        }
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)}: {process.StandardError.ReadToEnd()} (the fault tests need root, as test.sh runs)");
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\" id=\"error-retry\"[^>]*>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex RetryForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\" />")]
    private static partial Regex RetryField();
}
