using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

/// <summary>What the portal tells strangers and proxies: no server name, HSTS and Secure cookies behind a TLS proxy, and uploads refused before they are read.</summary>
public class PerimeterTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/taxonomy")]
    [InlineData("/healthz")]
    public async Task Responses_NameNoServer(string path)
    {
        using var client = server.NewClient();

        var response = await client.GetAsync(path);

        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
    }

    [Fact]
    public async Task ProductAnalyst_300MegabyteUpload_IsRefusedBeforeItIsRead()
    {
        using var client = server.NewClient(user: "product-analyst@centre.example");
        var body = new CountingContent(300L << 20);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports?fileName=big.csv") { Content = body };
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(body.Sent < 1L << 20, $"{body.Sent:N0} bytes were sent before the refusal");
    }

    [Fact]
    public async Task Gateway_UploadOverTheConfiguredLimit_Is413AndImportsNothing()
    {
        await using var small = new HeadwayServer { DemoTenants = 3, Settings = new Dictionary<string, string> { ["Import:MaxUploadBytes"] = "65536" } };
        await ((IAsyncLifetime)small).InitializeAsync();
        using var client = small.NewClient(user: "gateway@centre.example");
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(i => $"Oversized Tenant {i:D4},GB,EXO\n"));

        var response = await client.PostAsync("/api/v1/imports?fileName=big.csv",
            new StringContent("tenant,country,workload\n" + rows, System.Text.Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestTooLarge", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants?search=Oversized")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task BehindATlsProxy_HstsIsSentAndTheSignInCookieIsSecure()
    {
        await using var proxied = new HeadwayServer
        {
            DemoTenants = 3,
            Settings = new Dictionary<string, string> { ["ForwardedHeaders:Enabled"] = "true", ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" },
        };
        await ((IAsyncLifetime)proxied).InitializeAsync();
        using var client = proxied.NewClient(user: null);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "headway.example");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        var login = await client.GetAsync("/account/login");
        var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HeadwayServer.FormToken(await login.Content.ReadAsStringAsync()),
            ["Email"] = HeadwayServer.Manager,
            ["Password"] = HeadwayServer.DemoPassword,
        }));

        Assert.True(login.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS header");
        Assert.Contains("max-age=", hsts.Single(), StringComparison.Ordinal);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Headway.Auth", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutAProxy_PlainHttpGetsNoHstsAndForwardedHeadersAreIgnored()
    {
        using var client = server.NewClient(user: null);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var login = await client.GetAsync("/account/login");

        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>A body of a given length, produced as it is sent; counts what the client actually sent.</summary>
    private sealed class CountingContent(long length) : HttpContent
    {
        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            while (Sent < length)
            {
                await stream.WriteAsync(chunk);
                Sent += chunk.Length;
            }
        }

        protected override bool TryComputeLength(out long value)
        {
            value = length;
            return true;
        }
    }
}
