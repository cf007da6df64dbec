using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Headway.Application.Demo;
using Headway.Application.Users;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Headway.Cli;

/// <summary><c>headway demo --tenants N</c>: adds a deterministic demo portfolio.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var tenants = new Option<int>("--tenants") { Description = "How many tenants to generate.", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same data.", DefaultValueFactory = _ => DemoData.DefaultSeed };
        var command = new Command("demo", "Generate demo tenants, entitlements, notes and a year of history.") { tenants, seed };
        command.Validators.Add(r =>
        {
            if (r.GetValue(tenants) is < 1 or > 10_000_000)
            {
                r.AddError("--tenants must be between 1 and 10,000,000.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
            // Users first: the portfolio is one transaction, and a load stopped half way leaves the users to sign in with.
            await scope.ServiceProvider.GetRequiredService<DemoUsers>().EnsureAsync(ct);
            var count = parse.GetValue(tenants);
            var watch = Stopwatch.StartNew();
            DemoData.Summary summary = null!;
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("tenants", maxValue: count);
                    summary = await demo.GenerateAsync(
                        new DemoData.Options(count, parse.GetValue(seed), Progress: new Progress<int>(done => task.Value = done)), ct);
                    task.Value = count;
                });
            var c = CultureInfo.InvariantCulture;
            AnsiConsole.MarkupLine(string.Create(c,
                $"[green]Done[/] in {watch.Elapsed.TotalSeconds:F1} s: {summary.Tenants:N0} tenants, {summary.Entitlements:N0} entitlements, {summary.StatusChanges:N0} history entries, {summary.OverallNotes:N0} overall notes, {summary.ExecutiveSummaries:N0} executive summaries."));
            return 0;
        });
        return command;
    }
}
