using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Cli.Tests;

public class AdminCommandTests
{
    private static Task<CliProcess.Output> Run(TestDatabase db, string? stdin, params string[] args) =>
        CliProcess.RunAsync(db.Folder, stdin, [.. args, "--connection", db.ConnectionString]);

    [Fact]
    public async Task TaxonomyL3_AddRenameRetireRestore_ThroughTheSameUseCaseAsThePortal()
    {
        await using var db = await TestDatabase.CreateAsync();

        var add = await Run(db, null, "taxonomy", "l3", "add", "--l2", "LegalRegulatory", "--code", "WorksCouncil", "--name", "Works council");
        var rename = await Run(db, null, "taxonomy", "l3", "rename", "--l2", "LegalRegulatory", "--code", "WorksCouncil", "--name", "Works council approval");
        var retire = await Run(db, null, "taxonomy", "l3", "retire", "--l2", "LegalRegulatory", "--code", "WorksCouncil");
        var retiredList = await Run(db, null, "taxonomy", "l3", "list");
        var restore = await Run(db, null, "taxonomy", "l3", "retire", "--l2", "LegalRegulatory", "--code", "WorksCouncil", "--restore");
        var missing = await Run(db, null, "taxonomy", "l3", "rename", "--l2", "LegalRegulatory", "--code", "Nope", "--name", "x");

        Assert.True(add.ExitCode == 0 && rename.ExitCode == 0 && retire.ExitCode == 0 && restore.ExitCode == 0, add.StdErr + rename.StdErr + retire.StdErr + restore.StdErr);
        Assert.Contains("LegalRegulatory\tWorksCouncil\tWorks council approval\tretired", retiredList.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("L3NotFound", missing.StdErr, StringComparison.Ordinal);
        var stored = await db.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().L3Values.SingleAsync());
        Assert.Equal(("Works council approval", (DateTimeOffset?)null), (stored.Name, stored.RetiredAt));
    }

    [Fact]
    public async Task Users_AddTokenListDisable_WorkEndToEndAndTheTokenDiesWithTheUser()
    {
        await using var db = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await Run(db, null, "partners", "add", "Northwind Delivery")).ExitCode);

        var add = await Run(db, "Correct-Horse-Battery-9\n", "users", "add", "--email", "fm@northwind.example", "--role", "Manager", "--partner", "Northwind Delivery", "--password-stdin");
        var token = await Run(db, null, "users", "token", "--email", "fm@northwind.example");
        var list = await Run(db, null, "users", "list");

        Assert.True(add.ExitCode == 0, add.StdErr + add.StdOut);
        Assert.Equal(0, token.ExitCode);
        var issued = token.StdOut.Trim();
        Assert.StartsWith("hw_", issued, StringComparison.Ordinal);
        Assert.Contains("fm@northwind.example", list.StdOut, StringComparison.Ordinal);
        Assert.Contains("Northwind Delivery", list.StdOut, StringComparison.Ordinal);
        var user = await db.RunAsync(sp => sp.GetRequiredService<ApiTokens>().FindUserAsync(issued));
        Assert.Equal((Role.Manager, "fm@northwind.example"), (user!.Role, user.Email));

        var disable = await Run(db, null, "users", "disable", "--email", "fm@northwind.example");

        Assert.Equal(0, disable.ExitCode);
        Assert.Null(await db.RunAsync(sp => sp.GetRequiredService<ApiTokens>().FindUserAsync(issued)));
        Assert.Contains("disabled", (await Run(db, null, "users", "list")).StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Wizard", "Correct-Horse-Battery-9", "UnknownRole")]
    [InlineData("Manager", "short", "PasswordTooShort")]
    [InlineData("Manager", "1qaz2wsx3edc", "PasswordTooCommon")]
    public async Task UsersAdd_BadInput_FailsWithTheReasonAndAddsNobody(string role, string password, string code)
    {
        await using var db = await TestDatabase.CreateAsync();

        var run = await Run(db, password + "\n", "users", "add", "--email", "x@example.com", "--role", role, "--password-stdin");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(code, run.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, await db.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Users.CountAsync()));
    }

    [Fact]
    public async Task UsersPassword_SetsANewOneUnderThePolicy_AndTheOldOneStopsWorking()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Run(db, "Correct-Horse-Battery-9\n", "users", "add", "--email", "fm@example.com", "--role", "Manager", "--password-stdin");

        var common = await Run(db, "qwertyqwerty\n", "users", "password", "--email", "fm@example.com", "--password-stdin");
        var unknown = await Run(db, "Lantern-Orchard-Ferry-4\n", "users", "password", "--email", "nobody@example.com", "--password-stdin");
        var onTheCommandLine = await Run(db, null, "users", "password", "--email", "fm@example.com");
        var set = await Run(db, "Lantern-Orchard-Ferry-4\n", "users", "password", "--email", "fm@example.com", "--password-stdin");

        Assert.Equal((1, 1, 2, 0), (common.ExitCode, unknown.ExitCode, onTheCommandLine.ExitCode, set.ExitCode));
        Assert.Contains("PasswordTooCommon", common.StdErr, StringComparison.Ordinal);
        Assert.Contains("UserNotFound", unknown.StdErr, StringComparison.Ordinal);
        var (oldWorks, newWorks) = await db.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HeadwayUser>>();
            var user = await users.FindByEmailAsync("fm@example.com");
            return (await users.CheckPasswordAsync(user!, "Correct-Horse-Battery-9"), await users.CheckPasswordAsync(user!, "Lantern-Orchard-Ferry-4"));
        });
        Assert.False(oldWorks);
        Assert.True(newWorks);
    }

    [Fact]
    public async Task UsersAdd_WithoutPasswordStdin_RefusesToTakeAPasswordOnTheCommandLine()
    {
        await using var db = await TestDatabase.CreateAsync();

        var run = await Run(db, null, "users", "add", "--email", "x@example.com", "--role", "Admin");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task TenantsAssign_ManagerOfTheTenantsPartner_IsAssignedAndAnotherPartnersIsRefused()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Run(db, null, "partners", "add", "Alpha");
        await Run(db, null, "partners", "add", "Beta");
        await Run(db, "Correct-Horse-Battery-9\n", "users", "add", "--email", "fm@alpha.example", "--role", "Manager", "--partner", "Alpha", "--password-stdin");
        await Run(db, "Correct-Horse-Battery-9\n", "users", "add", "--email", "fm@beta.example", "--role", "Manager", "--partner", "Beta", "--password-stdin");
        var tenantId = await db.RunAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<HeadwayDbContext>();
            var alpha = await ctx.Partners.SingleAsync(p => p.Name == "Alpha");
            var tenant = new Tenant { Name = "Fjord Fisheries AS", Country = "NO", Region = "EMEA", PartnerId = alpha.Id };
            ctx.Tenants.Add(tenant);
            await ctx.SaveChangesAsync();
            return tenant.Id;
        });

        var wrong = await Run(db, null, "tenants", "assign", "--tenant", tenantId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--manager", "fm@beta.example");
        var right = await Run(db, null, "tenants", "assign", "--tenant", tenantId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--manager", "fm@alpha.example");
        var partners = await Run(db, null, "partners", "list");

        Assert.Equal(1, wrong.ExitCode);
        // The command line is programme-wide: it is told the manager works for another partner.
        Assert.Contains("ManagerOfAnotherPartner", wrong.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, right.ExitCode);
        Assert.Equal("fm@alpha.example", await db.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.Where(t => t.Id == tenantId).Select(t => t.ManagerName).SingleAsync()));
        Assert.Equal(["Alpha", "Beta"], partners.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

public class TaxonomyCommandTests
{
    [Fact]
    public async Task TaxonomyL3_AddThenList_ShowsTheValueAndRefusesDuplicatesAndUnknownL2s()
    {
        await using var db = await TestDatabase.CreateAsync();
        string[] connection = ["--connection", db.ConnectionString];

        var add = await CliProcess.RunAsync(db.Folder, null, ["taxonomy", "l3", "add", "--l2", "LegalRegulatory", "--code", "DataResidency", "--name", "Data residency", .. connection]);
        var again = await CliProcess.RunAsync(db.Folder, null, ["taxonomy", "l3", "add", "--l2", "LegalRegulatory", "--code", "DataResidency", "--name", "Again", .. connection]);
        var unknown = await CliProcess.RunAsync(db.Folder, null, ["taxonomy", "l3", "add", "--l2", "Weather", "--code", "Rain", "--name", "Rain", .. connection]);
        var list = await CliProcess.RunAsync(db.Folder, null, ["taxonomy", "l3", "list", .. connection]);

        Assert.True(add.ExitCode == 0, add.StdErr);
        Assert.Equal((1, 1), (again.ExitCode, unknown.ExitCode));
        Assert.Contains("L3Exists", again.StdErr, StringComparison.Ordinal);
        Assert.Contains("UnknownL2", unknown.StdErr, StringComparison.Ordinal);
        Assert.Equal("LegalRegulatory\tDataResidency\tData residency", list.StdOut.Trim());
    }
}
