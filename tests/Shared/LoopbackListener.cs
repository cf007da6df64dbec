using System.Net;
using System.Net.Sockets;

namespace Headway.Testing;

/// <summary>
/// An HTTP server on a free loopback port that hands every request to <c>handle</c>, which answers it: a stand-in for
/// what the portal calls out to (a telemetry collector, a webhook receiver).
/// </summary>
public sealed class LoopbackListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackListener(Func<HttpListenerContext, Task> handle)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Address + "/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                await handle(context);
                context.Response.Close();
            }
        });
    }

    /// <summary>The server's address, without a trailing slash.</summary>
    public string Address { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
