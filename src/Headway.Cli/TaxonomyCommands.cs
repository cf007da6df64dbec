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
        var list = new Command("list", "List the L3 values.");
        list.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            foreach (var v in await scope.ServiceProvider.GetRequiredService<Application.Taxonomy.ManageL3Values>().ListAsync(ct))
            {
                Console.Out.WriteLine($"{v.L2}\t{v.Code}\t{v.Name}");
            }

            return 0;
        });
        return new Command("taxonomy", "Manage the taxonomy's administrator-defined values.") { new Command("l3", "L3 values under an L2.") { add, list } };
    }
}
