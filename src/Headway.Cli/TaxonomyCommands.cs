using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Headway.Cli;

/// <summary><c>headway taxonomy l3 add|list</c>: the administrator-defined L3 values.</summary>
internal static class TaxonomyCommands
{
    public static Command Create()
    {
        var l2 = new Option<string>("--l2") { Description = "The L2 code the value belongs under, e.g. LegalRegulatory.", Required = true };
        var code = new Option<string>("--code") { Description = "Stable code of the value.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name.", Required = true };
        var add = new Command("add", "Add an L3 value under an L2.") { l2, code, name };
        add.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<Application.Taxonomy.ManageL3Values>()
                .AddAsync(parse.GetValue(l2)!, parse.GetValue(code)!, parse.GetValue(name)!, ct);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{result.Refusal.Code}: {result.Refusal.Message(CultureInfo.CurrentUICulture.Name)}");
                return 1;
            }

            AnsiConsole.MarkupLine($"Added [green]{Markup.Escape(result.Value.Code)}[/] under {result.Value.L2}.");
            return 0;
        });
        var renameL2 = new Option<string>("--l2") { Description = "The L2 code the value belongs under.", Required = true };
        var renameCode = new Option<string>("--code") { Description = "Code of the value.", Required = true };
        var newName = new Option<string>("--name") { Description = "New display name.", Required = true };
        var rename = new Command("rename", "Rename an L3 value (its code stays).") { renameL2, renameCode, newName };
        rename.SetAction((parse, ct) => ChangeAsync(parse, parse.GetValue(renameL2)!, parse.GetValue(renameCode)!, parse.GetValue(newName), null, ct));
        var retireL2 = new Option<string>("--l2") { Description = "The L2 code the value belongs under.", Required = true };
        var retireCode = new Option<string>("--code") { Description = "Code of the value.", Required = true };
        var restore = new Option<bool>("--restore") { Description = "Offer a retired value again." };
        var retire = new Command("retire", "Retire an L3 value: it stays where it is set, and is no longer offered.") { retireL2, retireCode, restore };
        retire.SetAction((parse, ct) => ChangeAsync(parse, parse.GetValue(retireL2)!, parse.GetValue(retireCode)!, null, !parse.GetValue(restore), ct));
        var list = new Command("list", "List the L3 values.");
        list.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            foreach (var v in await scope.ServiceProvider.GetRequiredService<Application.Taxonomy.ManageL3Values>().ListAsync(ct))
            {
                Console.Out.WriteLine($"{v.L2}\t{v.Code}\t{v.Name}" + (v.RetiredAt is { } at ? $"\tretired {at:yyyy-MM-dd}" : ""));
            }

            return 0;
        });
        return new Command("taxonomy", "Manage the taxonomy's administrator-defined values.") { new Command("l3", "L3 values under an L2.") { add, rename, retire, list } };
    }

    private static async Task<int> ChangeAsync(ParseResult parse, string l2, string code, string? name, bool? retired, CancellationToken ct)
    {
        using var host = await CliHost.StartAsync(parse, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Application.Taxonomy.ManageL3Values>().ChangeAsync(l2, code, name, retired, ct);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"{result.Refusal.Code}: {result.Refusal.Message(CultureInfo.CurrentUICulture.Name)}");
            return 1;
        }

        AnsiConsole.MarkupLine($"[green]{Markup.Escape(result.Value.Code)}[/] under {result.Value.L2}: {Markup.Escape(result.Value.Name)}" +
            (result.Value.RetiredAt is null ? "" : " (retired)"));
        return 0;
    }
}
