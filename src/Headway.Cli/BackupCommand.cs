using System.CommandLine;
using Headway.Application.Data;
using Spectre.Console;

namespace Headway.Cli;

/// <summary><c>headway backup &lt;file&gt;</c>: a consistent copy of the live SQLite database (PostgreSQL: pg_dump, see the README).</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Where to write the copy; an existing file is never overwritten." };
        var command = new Command("backup", "Copy the SQLite database while the portal runs (SQLite's online backup API).") { file };
        command.SetAction(async (parse, ct) =>
        {
            var configuration = CliHost.Configuration(parse);
            if (HeadwayDatabase.IsPostgres(configuration))
            {
                AnsiConsole.MarkupLine("[red]This database is PostgreSQL: back it up with pg_dump (see the README, \"Backup and restore\").[/]");
                return 2;
            }

            if (HeadwayDatabase.SqliteFile(configuration) is not { } source)
            {
                AnsiConsole.MarkupLine("[red]This database lives in memory; there is no file to back up.[/]");
                return 2;
            }

            try
            {
                var copy = await SqliteBackup.RunAsync(source, parse.GetValue(file)!, ct);
                AnsiConsole.MarkupLineInterpolated($"[green]Copied {source} to {copy.File} ({copy.Bytes:N0} bytes).[/]");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]No backup: {e.Message}[/]");
                return 1;
            }
        });
        return command;
    }
}
