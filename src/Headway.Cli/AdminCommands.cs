using System.CommandLine;
using System.Globalization;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Headway.Cli;

/// <summary>
/// <c>headway users|partners|tenants</c>: administration with the same configuration as the portal.
/// The command line acts as the programme's administrator; refusals print in the system's language.
/// </summary>
internal static class AdminCommands
{
    public static Command Users()
    {
        var email = new Option<string>("--email") { Description = "The user's email address.", Required = true };
        var role = new Option<string>("--role") { Description = "One of: " + string.Join(", ", Enum.GetNames<Role>()), Required = true };
        var partner = new Option<string?>("--partner") { Description = "The partner's name; leave out for the programme centre." };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (required)." };

        var add = new Command("add", "Add a user.") { email, role, partner, stdin };
        add.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(stdin))
            {
                Console.Error.WriteLine("Give the password on standard input with --password-stdin (it never goes on the command line).");
                return 2;
            }

            var password = (await Console.In.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
            return await RunAsync(parse, m => m.AddUserAsync(parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(partner), password, ct),
                u => AnsiConsole.MarkupLine($"Added [green]{Markup.Escape(u.Email!)}[/] as {u.Role}."), ct);
        });

        var tokenEmail = new Option<string>("--email") { Description = "The user's email address.", Required = true };
        var token = new Command("token", "Print a new personal access token of a user (valid 90 days).") { tokenEmail };
        token.SetAction((parse, ct) => RunAsync(parse, m => m.IssueTokenAsync(parse.GetValue(tokenEmail)!, ct),
            t => Console.Out.WriteLine(t.Token), ct));

        var list = new Command("list", "List the users.");
        list.SetAction((parse, ct) => RunAsync(parse, m => AllUsersAsync(m, ct), rows =>
        {
            var table = new Table().AddColumns("email", "role", "partner", "state", "last sign-in");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Email), r.Role.ToString(), Markup.Escape(r.Partner ?? "(centre)"),
                    r.State != UserState.Active ? r.State.ToString().ToLowerInvariant() : r.LockedOut ? "locked out" : "active",
                    r.LastSignInAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never");
            }

            AnsiConsole.Write(table);
        }, ct));

        var disableEmail = new Option<string>("--email") { Description = "The user's email address.", Required = true };
        var disable = new Command("disable", "Disable a user: no sign-in, no token. Users are never deleted.") { disableEmail };
        disable.SetAction((parse, ct) => RunAsync(parse, m => m.SetDisabledAsync(parse.GetValue(disableEmail)!, true, ct),
            u => AnsiConsole.MarkupLine($"Disabled [yellow]{Markup.Escape(u.Email)}[/]."), ct));

        var enableEmail = new Option<string>("--email") { Description = "The user's email address.", Required = true };
        var enable = new Command("enable", "Enable a disabled user again.") { enableEmail };
        enable.SetAction((parse, ct) => RunAsync(parse, m => m.SetDisabledAsync(parse.GetValue(enableEmail)!, false, ct),
            u => AnsiConsole.MarkupLine($"Enabled [green]{Markup.Escape(u.Email)}[/]."), ct));

        var passwordEmail = new Option<string>("--email") { Description = "The user's email address.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from standard input (required)." };
        var password = new Command("password", "Set a user's password (for one who cannot reset it by mail); their sessions end.") { passwordEmail, passwordStdin };
        password.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                Console.Error.WriteLine("Give the password on standard input with --password-stdin (it never goes on the command line).");
                return 2;
            }

            var secret = (await Console.In.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
            return await RunAsync(parse, m => m.SetPasswordAsync(parse.GetValue(passwordEmail)!, secret, ct),
                u => AnsiConsole.MarkupLine($"Set a new password for [green]{Markup.Escape(u.Email!)}[/]; their sessions end within a minute."), ct);
        });

        return new Command("users", "Manage users.") { add, token, list, disable, enable, password };
    }

    public static Command Partners()
    {
        var name = new Argument<string>("name") { Description = "The partner's name." };
        var add = new Command("add", "Add a partner.") { name };
        add.SetAction((parse, ct) => RunAsync<ManagePartners, ManagePartners.PartnerRow>(parse, m => m.AddAsync(parse.GetValue(name)!, ct),
            p => AnsiConsole.MarkupLine($"Added partner [green]{Markup.Escape(p.Name)}[/]."), ct));
        var list = new Command("list", "List the partners.");
        list.SetAction((parse, ct) => RunAsync<ManagePartners, IReadOnlyList<ManagePartners.PartnerRow>>(parse, m => m.ListAsync(ct), partners =>
        {
            foreach (var p in partners)
            {
                Console.Out.WriteLine(p.Active ? p.Name : p.Name + " (deactivated)");
            }
        }, ct));
        return new Command("partners", "Manage partners.") { add, list };
    }

    public static Command Tenants()
    {
        var tenant = new Option<long>("--tenant") { Description = "The tenant's id.", Required = true };
        var manager = new Option<string>("--manager") { Description = "The email of an onboarding manager of the tenant's partner.", Required = true };
        var assign = new Command("assign", "Assign a tenant to an onboarding manager.") { tenant, manager };
        assign.SetAction((parse, ct) => RunAsync<AssignTenant.Handler, Tenant>(parse,
            h => h.HandleAsync(new AssignTenant.Request(parse.GetValue(tenant), parse.GetValue(manager)!), ct),
            t => AnsiConsole.MarkupLine($"Assigned [green]{Markup.Escape(t.Name)}[/] to {Markup.Escape(t.ManagerName ?? "")}."), ct));
        return new Command("tenants", "Manage tenants.") { assign };
    }

    /// <summary>Every user in the caller's scope, read a page at a time.</summary>
    private static async Task<Result<IReadOnlyList<ManageUsers.UserRow>>> AllUsersAsync(ManageUsers manage, CancellationToken ct)
    {
        var all = new List<ManageUsers.UserRow>();
        for (var page = 1; ; page++)
        {
            var found = await manage.FindAsync(new ManageUsers.Query(Page: page, PageSize: Application.Paging.MaxPageSize), ct);
            if (!found.Succeeded)
            {
                return found.Refusal;
            }

            all.AddRange(found.Value.Items);
            if (page >= found.Value.PageCount)
            {
                return Result<IReadOnlyList<ManageUsers.UserRow>>.Ok(all);
            }
        }
    }

    private static Task<int> RunAsync<T>(ParseResult parse, Func<ManageUsers, Task<Result<T>>> work, Action<T> print, CancellationToken ct)
        where T : notnull => RunAsync<ManageUsers, T>(parse, work, print, ct);

    private static async Task<int> RunAsync<TUseCase, T>(ParseResult parse, Func<TUseCase, Task<Result<T>>> work, Action<T> print, CancellationToken ct)
        where TUseCase : notnull
        where T : notnull
    {
        using var host = await CliHost.StartAsync(parse, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await work(scope.ServiceProvider.GetRequiredService<TUseCase>());
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"{result.Refusal.Code}: {result.Refusal.Message(CultureInfo.CurrentUICulture.Name)}");
            return 1;
        }

        print(result.Value);
        return 0;
    }
}
