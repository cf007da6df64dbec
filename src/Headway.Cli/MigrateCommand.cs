using System.CommandLine;
using Spectre.Console;

namespace Headway.Cli;

/// <summary><c>headway migrate</c>: creates or upgrades the database.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create the database or apply pending migrations.");
        command.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            AnsiConsole.MarkupLine("[green]The database is up to date.[/]");
            return 0;
        });
        return command;
    }
}
