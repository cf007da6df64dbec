using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Headway.Benchmarks.Load;

/// <summary>
/// A load test against a running portal (see bench/load.sh): 32 connections read the tenant page and the
/// tenant API for a while, then write entitlement updates for 60 seconds, each connection its own
/// entitlements so that every write is meant to succeed. Afterwards every entitlement is read back: its
/// version, its note and its history must show exactly the writes that were acknowledged, none lost and
/// none twice. Prints latency percentiles, the write rate and the portal's peak memory.
/// </summary>
public static class LoadTest
{
    private const string Password = "Headway-Demo-2026!";

    public static async Task<int> RunAsync(Uri baseAddress, int portalPid, int connections, int readSeconds, int writeSeconds)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var token = await TokenAsync(http, "manager@centre.example");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The manager's own tenants: a manager may change only those.
        var tenants = await ManagerTenantsAsync(http, "manager@centre.example");

        var allIds = readSeconds > 0 ? await SampleTenantIdsAsync(http, 2_000) : [];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tenants.Count} tenants of the manager to write, {allIds.Count} tenants to read"));

        // Reads: the tenant page (HTML) and the tenant API, over many tenants.
        var pageLatencies = new List<double>();
        var apiLatencies = new List<double>();
        var readErrors = 0;
        var readUntil = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async w =>
        {
            var random = new Random(w);
            var mine = new List<(double Page, double Api)>();
            while (readUntil.Elapsed.TotalSeconds < readSeconds)
            {
                var id = allIds[random.Next(allIds.Count)];
                var page = await TimeAsync(() => http.GetAsync($"/tenants/{id}"));
                var api = await TimeAsync(() => http.GetAsync($"/api/v1/tenants/{id}"));
                if (!page.Ok || !api.Ok)
                {
                    Interlocked.Increment(ref readErrors);
                }

                mine.Add((page.Ms, api.Ms));
            }

            lock (pageLatencies)
            {
                pageLatencies.AddRange(mine.Select(m => m.Page));
                apiLatencies.AddRange(mine.Select(m => m.Api));
            }
        }));
        if (readSeconds > 0)
        {
            Report("tenant page", pageLatencies, readSeconds);
            Report("tenant API", apiLatencies, readSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read errors: {readErrors}"));
        }

        // Writes: each connection owns a disjoint share of the manager's entitlements.
        var targets = new List<Target>();
        foreach (var id in tenants)
        {
            var tenant = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}");
            foreach (var e in tenant.GetProperty("entitlements").EnumerateArray())
            {
                targets.Add(new Target(id, e.GetProperty("workload").GetString()!, e.GetProperty("version").GetInt32()));
            }
        }

        var historyBefore = new Dictionary<long, int>();
        foreach (var id in targets.Select(t => t.Tenant).Distinct())
        {
            historyBefore[id] = await HistoryCountAsync(http, id);
        }

        var writeLatencies = new List<double>();
        var conflicts = 0;
        var failures = 0;
        var writeClock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async w =>
        {
            var share = targets.Where((_, i) => i % connections == w).ToList();
            if (share.Count == 0)
            {
                return;
            }

            var mine = new List<double>();
            for (var n = 0; writeClock.Elapsed.TotalSeconds < writeSeconds; n++)
            {
                var t = share[n % share.Count];
                var note = string.Create(CultureInfo.InvariantCulture, $"Load test: the customer standardised on a competitor's suite, write {t.Acknowledged + 1} by connection {w}.");
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{t.Tenant}/entitlements/{t.Workload}")
                {
                    Content = JsonContent.Create(new { l1 = "NoIntent", l2 = "UsingCompetitiveSolution", note }),
                };
                request.Headers.TryAddWithoutValidation("If-Match", string.Create(CultureInfo.InvariantCulture, $"\"{t.Version}\""));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    t.Version = int.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
                    t.Acknowledged++;
                    t.LastNote = note;
                }
                else if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref conflicts);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }

            lock (writeLatencies)
            {
                writeLatencies.AddRange(mine);
            }
        }));
        var elapsed = writeClock.Elapsed.TotalSeconds;
        var acknowledged = targets.Sum(t => t.Acknowledged);
        Report("entitlement PUT", writeLatencies, elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged writes: {acknowledged:N0} in {elapsed:F1} s = {acknowledged / elapsed:F0}/s; conflicts {conflicts}, other failures {failures}"));

        // Every acknowledged write is there exactly once: version, note and history all agree.
        var lost = 0;
        foreach (var t in targets.Where(t => t.Acknowledged > 0))
        {
            var e = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{t.Tenant}/entitlements/{t.Workload}");
            if (e.GetProperty("version").GetInt32() != t.Version || e.GetProperty("note").GetString() != t.LastNote)
            {
                lost++;
            }
        }

        foreach (var group in targets.GroupBy(t => t.Tenant))
        {
            if (await HistoryCountAsync(http, group.Key) != historyBefore[group.Key] + group.Sum(t => t.Acknowledged))
            {
                lost++;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final state: {targets.Count(t => t.Acknowledged > 0)} entitlements and their tenants' history checked, {lost} differ from the acknowledged writes"));
        if (portalPid > 0 && File.Exists($"/proc/{portalPid}/status"))
        {
            var peak = File.ReadLines($"/proc/{portalPid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            Console.WriteLine("portal peak memory: " + peak["VmHWM:".Length..].Trim());
        }

        return lost == 0 && failures == 0 ? 0 : 1;
    }

    private sealed class Target(long tenant, string workload, int version)
    {
        public long Tenant { get; } = tenant;
        public string Workload { get; } = workload;
        public int Version { get; set; } = version;
        public int Acknowledged { get; set; }
        public string? LastNote { get; set; }
    }

    private static async Task<(double Ms, bool Ok)> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await call();
        await response.Content.LoadIntoBufferAsync();
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode);
    }

    private static async Task<int> HistoryCountAsync(HttpClient http, long tenant)
    {
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/history?pageSize=1");
        return history.GetProperty("total").GetInt32();
    }

    private static async Task<List<long>> SampleTenantIdsAsync(HttpClient http, int count)
    {
        var first = await http.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=1");
        var total = first.GetProperty("total").GetInt32();
        var random = new Random(7);
        var ids = new HashSet<long>();
        while (ids.Count < Math.Min(count, total))
        {
            var page = random.Next(1, Math.Max(1, total / 200) + 1);
            var list = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?pageSize=200&page={page}");
            foreach (var t in list.GetProperty("items").EnumerateArray())
            {
                ids.Add(t.GetProperty("id").GetInt64());
            }
        }

        return [.. ids];
    }

    /// <summary>The tenants assigned to a manager and not flagged duplicate: those the manager may change.</summary>
    internal static async Task<List<long>> ManagerTenantsAsync(HttpClient http, string manager)
    {
        var tenants = new List<long>();
        for (var page = 1; ; page++)
        {
            var list = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants?pageSize=200&page={page}&sort=manager");
            var items = list.GetProperty("items").EnumerateArray().ToList();
            var mine = items.Where(t => t.GetProperty("manager").GetString() == manager && !t.GetProperty("duplicate").GetBoolean())
                .Select(t => t.GetProperty("id").GetInt64()).ToList();
            // Sorted by manager, the manager's tenants come together: stop after them.
            if (items.Count == 0 || (tenants.Count > 0 && mine.Count == 0))
            {
                return tenants;
            }

            tenants.AddRange(mine);
        }
    }

    internal static async Task<string> TokenAsync(HttpClient http, string email)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    internal static void Report(string what, List<double> ms, double seconds)
    {
        ms.Sort();
        double P(double q) => ms.Count == 0 ? 0 : ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-16} {ms.Count,8:N0} requests {ms.Count / seconds,7:F0}/s  p50 {P(0.50),6:F1} ms  p95 {P(0.95),6:F1} ms  p99 {P(0.99),6:F1} ms"));
    }
}
