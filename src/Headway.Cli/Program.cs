using System.CommandLine;
using Headway.Cli;

var root = new RootCommand("Headway: the system of record of the cloud-onboarding programme.");
root.Options.Add(CliHost.ConnectionOption);
root.Options.Add(CliHost.ProviderOption);
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(BackupCommand.Create());
root.Subcommands.Add(LintCommand.Create());
root.Subcommands.Add(AdminCommands.Users());
root.Subcommands.Add(AdminCommands.Partners());
root.Subcommands.Add(AdminCommands.Tenants());
root.Subcommands.Add(TaxonomyCommands.Create());
root.Subcommands.Add(ImportCommands.Import());
root.Subcommands.Add(ImportCommands.Imports());
return await root.Parse(args).InvokeAsync();
