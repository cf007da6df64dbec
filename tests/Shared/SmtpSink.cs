using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Headway.Testing;

/// <summary>
/// A real SMTP server on a free loopback port for the test that starts it: Debian's aiosmtpd (python3-aiosmtpd, which
/// the test script installs) with its Mailbox handler, which files every message it accepts in a maildir that the
/// test reads back.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "headway-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo(Python())
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(folder, "maildir") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var sink = new SmtpSink(process, port, folder);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The test SMTP server stopped at once (is python3-aiosmtpd installed?): {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Every message the server has accepted so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var maildir = Path.Combine(Folder, "maildir");
        return new[] { "new", "cur" }
            .Select(d => Path.Combine(maildir, d))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Order(StringComparer.Ordinal)
            .Select(path => MimeMessage.Load(path))
            .ToList();
    }

    /// <summary>The messages once at least <paramref name="count"/> are there (or the time is up), and no more arrive for a moment.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = -1;
        while (true)
        {
            var now = Messages();
            if ((now.Count >= count && now.Count == seen) || DateTime.UtcNow > deadline)
            {
                return now;
            }

            seen = now.Count;
            await Task.Delay(300);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Debian's python3, which has the python3-aiosmtpd package; a python3 on the PATH otherwise.</summary>
    private static string Python() => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}
