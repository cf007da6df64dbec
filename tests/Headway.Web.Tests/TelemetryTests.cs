using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Application.Telemetry;
using Headway.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Headway.Web.Tests;

/// <summary>
/// The portal's telemetry through the real path: a portal of its own with collection on and the SDK's in-memory
/// exporters in place of OTLP, requests over HTTP, and the spans, metrics and log events it produced. Headway's meter is
/// one per process, so its counters also move with what the portals of other test classes do: these tests run alone.
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class TelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly Locked<Activity> _spans = new();
    private readonly Locked<MetricSnapshot> _metrics = new();
    private readonly EventSink _events = new();
    private HeadwayServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = new HeadwayServer
        {
            DemoTenants = 10,
            Settings = new Dictionary<string, string> { [Infrastructure.Telemetry.EnabledSetting] = "true" },
            TestServices = services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
                services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
                services.AddSingleton<ILoggerProvider>(_events);
            },
        };
        await _server.InitializeAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _server.Dispose();
        _events.Dispose();
    }

    [Fact]
    public async Task ARequest_IsTracedWithTheDatabaseCommandsItRan()
    {
        using var client = _server.NewClient();
        var id = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var response = await client.GetAsync($"/api/v1/tenants/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The server's span ends, and is exported, just after the answer is written.
        var request = await WaitForAsync(() => _spans.Snapshot().FirstOrDefault(a =>
            a.Kind == ActivityKind.Server && (string?)a.GetTagItem("url.path") == $"/api/v1/tenants/{id}"));
        Assert.Equal("/api/v1/tenants/{id:long}", request.GetTagItem("http.route"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        var commands = _spans.Snapshot().Where(a => a.TraceId == request.TraceId && a.Kind == ActivityKind.Client
            && a.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.True(c.StartTimeUtc >= request.StartTimeUtc && c.StartTimeUtc + c.Duration <= request.StartTimeUtc + request.Duration));
        Assert.Contains(commands, c => c.GetTagItem("db.system") is "sqlite" or "postgresql" || c.GetTagItem("db.system.name") is "sqlite" or "postgresql");
        // The SQL as sent, with parameters in place of values.
        Assert.Contains(commands, c => c.GetTagItem("db.statement") is string sql && sql.Contains("SELECT", StringComparison.Ordinal)
            && sql.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStatusChange_MovesTheStatusChangeAndGradeCounters_AndAConflictIsLogged()
    {
        using var client = _server.NewClient();
        var tenant = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?pageSize=50")).GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("manager").GetString() == HeadwayServer.Manager && t.GetProperty("entitlements").GetInt32() > 0);
        var id = tenant.GetProperty("id").GetInt64();
        var workload = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{id}")).GetProperty("entitlements")[0].GetProperty("workload").GetString()!;
        var version = (await client.GetAsync($"/api/v1/tenants/{id}/entitlements/{workload}")).Headers.ETag!.Tag;
        var edited = Sum("headway.status_changes", ("kind", "edited"), ("source", "edit"));
        var saved = Sum("headway.coach.grades", ("use", "saved"));
        var conflicts = Sum("headway.refusals", ("http.response.status_code", 412));

        var put = await client.SendAsync(Put(id, workload, version, "Standardised on a competitor's suite group-wide after a board decision in May."));
        var stale = await client.SendAsync(Put(id, workload, version, "Someone else's edit, from the version both read."));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(edited + 1, Sum("headway.status_changes", ("kind", "edited"), ("source", "edit")));
        Assert.Equal(saved + 1, Sum("headway.coach.grades", ("use", "saved")));
        var conflict = await WaitForAsync(() => _events.Snapshot().FirstOrDefault(e => e.Id.Id == 2002 && e.Message.Contains($"/api/v1/tenants/{id}/entitlements/{workload}", StringComparison.Ordinal)));
        Assert.Contains("(412)", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(conflicts + 1, Sum("headway.refusals", ("http.response.status_code", 412)));
    }

    [Fact]
    public async Task SignInsAndRefusals_AreLogEventsWithIds_ThatNameNoEmailOrPassword()
    {
        using var anonymous = _server.NewClient(user: null);
        var failed = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = HeadwayServer.Manager, password = "not-the-password-at-all" });
        var token = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = HeadwayServer.Admin, password = HeadwayServer.DemoPassword });
        using var analyst = _server.NewClient(user: "product-analyst@centre.example");
        var refused = await analyst.GetAsync("/api/v1/tenants");

        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var events = _events.Snapshot();
        var failure = Assert.Single(events, e => e.Id.Id == 1002);
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains("SignInFailed", failure.Message, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Id.Id == 1001 && e.Id.Name == nameof(HeadwayLog.SignedIn));
        var refusal = await WaitForAsync(() => _events.Snapshot().FirstOrDefault(e => e.Id.Id == 2001 && e.Message.Contains("GET /api/v1/tenants with 403", StringComparison.Ordinal)));
        Assert.Equal(LogLevel.Warning, refusal.Level);
        // Headway's own events; the demo's start-up line gives the demo password on purpose.
        Assert.All(_events.Snapshot().Where(e => e.Id.Id > 0), e =>
        {
            Assert.DoesNotContain("not-the-password-at-all", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(HeadwayServer.DemoPassword, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("@centre.example", e.Message, StringComparison.Ordinal);
        });
        Assert.True(Sum("headway.sign_ins", ("method", "password"), ("outcome", "failed")) >= 1);
        Assert.True(Sum("headway.refusals", ("http.response.status_code", 403)) >= 1);
    }

    private static HttpRequestMessage Put(long tenant, string workload, string version, string note)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/entitlements/{workload}")
        {
            Content = JsonContent.Create(new { l1 = "NoIntent", l2 = "UsingCompetitiveSolution", note }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", version);
        return request;
    }

    /// <summary>A counter's total over the points whose tags include these, as the SDK exports it now.</summary>
    private long Sum(string name, params (string Key, object Value)[] tags)
    {
        _server.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var latest = _metrics.Snapshot().LastOrDefault(m => m.Name == name);
        if (latest is null)
        {
            return 0;
        }

        long sum = 0;
        foreach (var point in latest.MetricPoints)
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(t => pointTags.TryGetValue(t.Key, out var v) && Equals(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture))))
            {
                sum += point.GetSumLong();
            }
        }

        return sum;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> find)
        where T : class
    {
        for (var i = 0; i < 50; i++)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return find() ?? throw new Xunit.Sdk.XunitException("Not recorded within 5 s.");
    }

    /// <summary>A collection the exporters add to from request threads while the test reads it.</summary>
    private sealed class Locked<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<T> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public sealed record Event(string Category, LogLevel Level, EventId Id, string Message);

    /// <summary>Every log event the portal writes, as the console would show it.</summary>
    private sealed class EventSink : ILoggerProvider
    {
        private readonly Locked<Event> _events = new();

        public List<Event> Snapshot() => _events.Snapshot();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _events);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, Locked<Event> events) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                events.Add(new Event(category, logLevel, eventId, formatter(state, exception)));
        }
    }
}
