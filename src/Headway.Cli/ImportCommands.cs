using System.CommandLine;
using System.Globalization;
using Headway.Application.Imports;
using Headway.Domain.Results;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Headway.Cli;

/// <summary>
/// <c>headway import FILE [--dry-run] [--encoding NAME]</c> imports tenants and entitlements from CSV or
/// Excel; <c>headway imports list</c> and <c>headway imports revert ID</c> show and undo earlier imports.
/// Problems are listed with row, column, code and message in the user's language (--lang, else the
/// system's); the exit code is 0 when the file applied (or a dry run found nothing), 1 when it had problems.
/// </summary>
internal static class ImportCommands
{
    private static readonly Option<string?> Lang = new("--lang")
    {
        Description = "Language of the messages: en, zh-Hans, de or ja (default: the system's).",
        Recursive = true,
    };

    public static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A .csv or .xlsx file, one entitlement per row (see docs/import.md)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report; change nothing." };
        var encoding = new Option<string?>("--encoding") { Description = "Text encoding of a CSV file: UTF-8, UTF-16, GB18030 or Shift_JIS (default: detected)." };
        var sameNote = new Option<bool>("--confirm-same-note") { Description = "The file gives one note to several workloads of a tenant on purpose (refused otherwise, as in the bulk edit)." };
        var command = new Command("import", "Import tenants and entitlements from a CSV or Excel file, all or nothing.") { file, dryRun, encoding, sameNote, Lang };
        command.Validators.Add(r =>
        {
            if (r.GetValue(file) is { Exists: false } f)
            {
                r.AddError($"File not found: {f.FullName}");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var ui = UiLanguage(parse);
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var info = parse.GetValue(file)!;
            await using var stream = info.OpenRead();
            var result = Result<ImportFile.Response>.Refuse(Refusal.Of(RefusalCodes.ImportUnreadable, ""));
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("rows", maxValue: Math.Max(1, stream.Length));
                    var progress = new Progress<int>(rows =>
                    {
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows");
                        task.Value = Math.Min(stream.Length, stream.Position);
                    });
                    result = await scope.ServiceProvider.GetRequiredService<ImportFile.Handler>()
                        .HandleAsync(new ImportFile.Request(stream, info.Name, parse.GetValue(dryRun), parse.GetValue(encoding), progress, parse.GetValue(sameNote)), ct);
                    task.Value = task.MaxValue;
                });
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{result.Refusal.Code}: {result.Refusal.Message(ui)}");
                return 2;
            }

            Print(result.Value, ui);
            return result.Value.Problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    public static Command Imports()
    {
        var list = new Command("list", "List the imports, newest first.") { Lang };
        list.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ListImports.Handler>().HandleAsync(new ListImports.Request(1, 200), ct);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{result.Refusal.Code}: {result.Refusal.Message(UiLanguage(parse))}");
                return 2;
            }

            var table = new Table().AddColumns("Id", "File", "By", "At", "Rows", "Tenants", "Created", "Changed", "Reverted");
            foreach (var i in result.Value.Items)
            {
                table.AddRow(i.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(i.FileName), Markup.Escape(i.ImportedBy),
                    i.ImportedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), i.Rows.ToString("N0", CultureInfo.InvariantCulture),
                    i.TenantsCreated.ToString("N0", CultureInfo.InvariantCulture), i.EntitlementsCreated.ToString("N0", CultureInfo.InvariantCulture),
                    i.EntitlementsChanged.ToString("N0", CultureInfo.InvariantCulture),
                    i.RevertedAt is { } at ? Markup.Escape($"{at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {i.RevertedBy}") : "");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        var id = new Argument<long>("ID") { Description = "The import's id (see imports list)." };
        var revert = new Command("revert", "Undo an import as one unit, unless what it wrote was changed since.") { id, Lang };
        revert.SetAction(async (parse, ct) =>
        {
            var ui = UiLanguage(parse);
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<RevertImport.Handler>().HandleAsync(new RevertImport.Request(parse.GetValue(id)), ct);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{result.Refusal.Code}: {result.Refusal.Message(ui)}");
                return 1;
            }

            var r = result.Value;
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]Reverted[/] import {r.ImportId}: {r.TenantsRemoved:N0} tenants and {r.EntitlementsRemoved:N0} entitlements removed, {r.EntitlementsRestored:N0} entitlements restored."));
            return 0;
        });
        return new Command("imports", "List and revert imports.") { list, revert };
    }

    private static string UiLanguage(ParseResult parse) => parse.GetValue(Lang) is { Length: > 0 } lang ? lang : CultureInfo.CurrentUICulture.Name;

    private static void Print(ImportFile.Response r, string ui)
    {
        var c = CultureInfo.InvariantCulture;
        if (r.Problems.Count > 0)
        {
            var table = new Table().AddColumns("Row", "Column", "Code", "Message");
            foreach (var p in r.Problems)
            {
                table.AddRow(p.Row.ToString(c), Markup.Escape(p.Column ?? ""), p.Refusal.Code, Markup.Escape(p.Refusal.Message(ui)));
            }

            AnsiConsole.Write(table);
            var summary = new Domain.Results.Refusal(Domain.Results.RefusalCodes.ImportHasProblems, [r.Problems.Count.ToString("N0", c)]);
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(summary.Message(ui))}[/]");
            return;
        }

        var what = string.Create(c,
            $"{r.Rows:N0} rows ({r.Encoding ?? "Excel"}): {r.TenantsCreated:N0} tenants created, {r.EntitlementsCreated:N0} entitlements created, {r.EntitlementsChanged:N0} changed, {r.Unchanged:N0} unchanged.");
        AnsiConsole.MarkupLine(r.Applied
            ? string.Create(c, $"[green]Imported[/] as import {r.ImportId}. {Markup.Escape(what)}")
            : $"[yellow]Dry run[/], nothing changed. {Markup.Escape(what)}");
    }
}
