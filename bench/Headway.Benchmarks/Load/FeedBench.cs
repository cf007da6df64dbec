using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;

namespace Headway.Benchmarks.Load;

/// <summary>
/// The integration benchmarks against a running portal (see bench/webhooks.sh):
/// <list type="bullet">
/// <item><c>webhooks</c>: a receiver on loopback is subscribed to entitlement changes; the centre's manager then changes
/// entitlements at a fixed rate for a while; the run waits until every acknowledged change has arrived. Prints the rate
/// reached, deliveries per second, the lag from a change to its arrival (p50, p95, p99, max) and any event that arrived
/// twice or never.</item>
/// <item><c>feed</c>: reads the whole change feed from the start, 1,000 changes a page, as the programme's administrator.</item>
/// </list>
/// </summary>
public static class FeedBench
{
    private static readonly string[] Changed = ["entitlement.changed"];

    /// <param name="baseAddress">The portal.</param>
    /// <param name="perSecond">Entitlement changes a second.</param>
    /// <param name="seconds">For how long.</param>
    /// <param name="connections">Concurrent connections.</param>
    /// <param name="bulk">
    /// false: one status change a request (PUT of one entitlement). true: every entitlement of one tenant in one bulk
    /// change (PATCH /api/v1/tenants/{id}/entitlements), the way a manager's bulk edit or an import writes; the rate
    /// still counts entitlement changes, each of which is one event.
    /// </param>
    public static async Task<int> WebhooksAsync(Uri baseAddress, int perSecond, int seconds, int connections, bool bulk = false)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await using var receiver = Receiver.Start();
        var admin = await LoadTest.TokenAsync(http, "admin@centre.example");
        using (var subscribe = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks")
        {
            Content = JsonContent.Create(new { url = receiver.Url, types = Changed }),
        })
        {
            subscribe.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(subscribe)).EnsureSuccessStatusCode();
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoadTest.TokenAsync(http, "manager@centre.example"));
        var targets = new List<Target>();
        foreach (var tenant in await LoadTest.ManagerTenantsAsync(http, "manager@centre.example"))
        {
            var detail = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}");
            targets.AddRange(detail.GetProperty("entitlements").EnumerateArray()
                .Select(e => new Target(tenant, e.GetProperty("workload").GetString()!, e.GetProperty("version").GetInt32())));
        }

        // A unit of work is one entitlement, or (bulk) all entitlements of one tenant.
        var units = bulk ? targets.GroupBy(t => t.Tenant).Select(g => g.ToList()).ToList() : targets.Select(t => new List<Target> { t }).ToList();
        var perUnit = (double)targets.Count / units.Count;
        var requestsPerSecond = perSecond / perUnit;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{targets.Count} entitlements of the manager, {perSecond} changes/s for {seconds} s, {connections} connections, " +
            $"{(bulk ? $"bulk: {perUnit:F1} entitlements a request, {requestsPerSecond:F0} requests/s" : "one change a request")}"));

        // A ticket every 1/requestsPerSecond seconds; each connection takes the next ticket and the next unit of its own.
        var tickets = Channel.CreateBounded<int>(perSecond * 2);
        var clock = Stopwatch.StartNew();
        var issue = Task.Run(async () =>
        {
            var total = (int)(requestsPerSecond * seconds);
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds(i / requestsPerSecond);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                await tickets.Writer.WriteAsync(i);
            }

            tickets.Writer.Complete();
        });
        var acknowledged = 0;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async w =>
        {
            var mine = units.Where((_, i) => i % connections == w).ToList();
            var next = 0;
            await foreach (var ticket in tickets.Reader.ReadAllAsync())
            {
                var unit = mine[next++ % mine.Count];
                var note = string.Create(CultureInfo.InvariantCulture, $"The new CIO decides in the next quarter; change {ticket} of the benchmark.");
                using var request = bulk ? BulkChange(unit, note) : OneChange(unit[0], note);
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }

                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                foreach (var changed in bulk ? body.GetProperty("entitlements").EnumerateArray().ToList() : [body])
                {
                    unit.First(t => t.Workload == changed.GetProperty("workload").GetString()).Version = changed.GetProperty("version").GetInt32();
                    Interlocked.Increment(ref acknowledged);
                }
            }
        }));
        await issue;
        var writing = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{acknowledged:N0} changes acknowledged in {writing:F1} s ({acknowledged / writing:F0}/s), {failed} refused"));

        var drained = Stopwatch.StartNew();
        while (receiver.Distinct < acknowledged && drained.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(100);
        }

        var arrivals = receiver.Arrivals.ToList();
        var span = arrivals.Count == 0 ? 0 : (arrivals.Max(a => a.At) - arrivals.Min(a => a.At)).TotalSeconds;
        var lags = arrivals.Select(a => a.LagMs).ToList();
        lags.Sort();
        double P(double q) => lags.Count == 0 ? 0 : lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(q * lags.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{receiver.Distinct:N0} events delivered ({arrivals.Count - receiver.Distinct} twice), {acknowledged - receiver.Distinct} missing; " +
            $"{(span > 0 ? arrivals.Count / span : 0):F0} deliveries/s from first to last; all in {clock.Elapsed.TotalSeconds:F1} s after the first change"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lag from change to arrival: p50 {P(0.50):F0} ms  p95 {P(0.95):F0} ms  p99 {P(0.99):F0} ms  max {P(1):F0} ms"));
        return receiver.Distinct == acknowledged ? 0 : 1;
    }

    private static HttpRequestMessage OneChange(Target target, string note)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{target.Tenant}/entitlements/{target.Workload}")
        {
            Content = JsonContent.Create(new { l1 = "NoIntent", l2 = "ExecutiveSponsorship", note }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{target.Version}\"");
        return request;
    }

    private static HttpRequestMessage BulkChange(List<Target> unit, string note) =>
        new(HttpMethod.Patch, $"/api/v1/tenants/{unit[0].Tenant}/entitlements")
        {
            Content = JsonContent.Create(new
            {
                targets = unit.Select(t => new { workload = t.Workload, version = t.Version }),
                changes = new { l1 = "NoIntent", l2 = "ExecutiveSponsorship", note },
                confirmSameNote = true,
            }),
        };

    public static async Task<int> FeedAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoadTest.TokenAsync(http, "admin@centre.example"));
        var pages = new List<double>();
        long changes = 0;
        var next = "/api/v1/changes?limit=1000";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var page = await http.GetFromJsonAsync<JsonElement>(next);
            pages.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            changes += page.GetProperty("items").GetArrayLength();
            next = page.GetProperty("next").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                break;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{changes:N0} changes in {pages.Count:N0} pages in {seconds:F1} s: {changes / seconds:F0} changes/s"));
        LoadTest.Report("feed page", pages, seconds);
        return 0;
    }

    private sealed class Target(long tenant, string workload, int version)
    {
        public long Tenant { get; } = tenant;
        public string Workload { get; } = workload;
        public int Version { get; set; } = version;
    }

    /// <summary>Receives deliveries on loopback and notes, per event, when it arrived and how long after the change.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        public sealed record Arrival(string EventId, DateTimeOffset At, double LagMs);

        private readonly HttpListener _listener = new();
        private readonly ConcurrentDictionary<string, byte> _seen = new();
        private readonly Task[] _loops;

        private Receiver()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/hooks/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loops = [.. Enumerable.Range(0, 8).Select(_ => Task.Run(LoopAsync))];
        }

        public string Url { get; }

        public ConcurrentQueue<Arrival> Arrivals { get; } = new();

        public int Distinct => _seen.Count;

        public static Receiver Start() => new();

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var now = DateTimeOffset.UtcNow;
                using (var body = await JsonDocument.ParseAsync(context.Request.InputStream))
                {
                    var at = body.RootElement.GetProperty("at").GetDateTimeOffset();
                    var id = body.RootElement.GetProperty("id").GetString()!;
                    Arrivals.Enqueue(new Arrival(id, now, (now - at).TotalMilliseconds));
                    _seen.TryAdd(id, 0);
                }

                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await Task.WhenAll(_loops);
        }
    }
}
