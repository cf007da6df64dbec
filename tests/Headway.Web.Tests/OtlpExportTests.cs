using System.Net;
using System.Text;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the portal sends its traces, metrics and logs over OTLP (HTTP and
/// protobuf here) to a collector: a listener on loopback stands in for one and records what arrives.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithAnEndpoint_TracesMetricsAndLogsArriveAtTheCollector()
    {
        await using var collector = new Collector();
        await using var server = new HeadwayServer
        {
            DemoTenants = 5,
            Settings = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "headway-otlp-test",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            },
        };
        await server.InitializeAsync();
        using var client = server.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tenants?pageSize=1")).StatusCode);

        // Protobuf keeps strings as UTF-8: the service's name is in every export's resource, the request's path in its
        // span, the instrument's name in its metric.
        await collector.WaitForAsync("/v1/traces", "/api/v1/tenants");
        await collector.WaitForAsync("/v1/metrics", "http.server.request.duration");
        await collector.WaitForAsync("/v1/logs", "headway-otlp-test");
        Assert.All(collector.Bodies("/v1/traces").Concat(collector.Bodies("/v1/metrics")).Concat(collector.Bodies("/v1/logs")),
            body => Assert.Contains("headway-otlp-test", Encoding.UTF8.GetString(body), StringComparison.Ordinal));
    }

    /// <summary>An OTLP/HTTP collector's front door on a free loopback port: answers 200 and keeps the bodies.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly List<(string Path, byte[] Body)> _received = [];
        private readonly LoopbackListener _listener;

        public Collector() => _listener = new LoopbackListener(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            lock (_received)
            {
                _received.Add((context.Request.Url!.AbsolutePath, buffer.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
        });

        public string Address => _listener.Address;

        public List<byte[]> Bodies(string path)
        {
            lock (_received)
            {
                return [.. _received.Where(r => r.Path == path).Select(r => r.Body)];
            }
        }

        public async Task WaitForAsync(string path, string text)
        {
            for (var i = 0; i < 150; i++)
            {
                if (Bodies(path).Any(b => Encoding.UTF8.GetString(b).Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }

                await Task.Delay(100);
            }

            throw new Xunit.Sdk.XunitException($"Nothing with \"{text}\" was exported to {path} within 15 s.");
        }

        public ValueTask DisposeAsync() => _listener.DisposeAsync();
    }
}
