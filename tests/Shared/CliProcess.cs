using System.Diagnostics;

namespace Headway.Testing;

/// <summary>Runs the real `headway` command (the built headway.dll) as a separate process.</summary>
public static class CliProcess
{
    public sealed record Output(int ExitCode, string StdOut, string StdErr);

    public static async Task<Output> RunAsync(string workingDirectory, string? stdin, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Output(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the command and leaves it running (a test may kill it); its output is redirected.</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "headway.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("ConnectionStrings__Headway");
        return Process.Start(start)!;
    }
}
