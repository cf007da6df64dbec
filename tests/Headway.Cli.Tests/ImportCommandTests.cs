using System.Text;
using Headway.Application.Data;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Cli.Tests;

public class ImportCommandTests
{
    static ImportCommandTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Task<CliProcess.Output> Run(TestDatabase db, params string[] args) =>
        CliProcess.RunAsync(db.Folder, null, [.. args, "--connection", db.ConnectionString, "--provider", db.Provider]);

    [Fact]
    public async Task Import_ShiftJisFileWithABadRow_DryRunExplainsInJapanese_ThenTheFixedFileImportsAndReverts()
    {
        await using var db = await TestDatabase.CreateAsync();
        var file = Path.Combine(db.Folder, "テナント.csv");
        const string header = "tenant,country,seats,workload,l1,l2,note,targetDate\r\n";
        const string good = "株式会社さくら商事,JP,450,EXO,InProgress,Migration,メールボックスの移行を開始し、第一陣の 200 名が完了しました。,2030-09-30\r\n";
        await File.WriteAllBytesAsync(file, Encoding.GetEncoding(932).GetBytes(header + good + "株式会社さくら商事,JP,450,SPO,InProgress,Migration,移行中です。,\r\n"));

        var dry = await Run(db, "import", file, "--dry-run", "--lang", "ja");
        var real = await Run(db, "import", file, "--lang", "ja");

        Assert.Equal(1, dry.ExitCode);
        Assert.Contains("TargetDateRequired", dry.StdOut, StringComparison.Ordinal);
        Assert.Contains("目標日", dry.StdOut, StringComparison.Ordinal);
        Assert.Contains("何もインポートしていません", dry.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, real.ExitCode);
        Assert.Equal(0, await db.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.CountAsync()));

        await File.WriteAllBytesAsync(file, Encoding.GetEncoding(932).GetBytes(header + good));
        var fixedRun = await Run(db, "import", file);
        var list = await Run(db, "imports", "list");
        var name = await db.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.Select(t => t.Name).SingleAsync());
        var revert = await Run(db, "imports", "revert", "1");
        var again = await Run(db, "imports", "revert", "1", "--lang", "de");

        Assert.True(fixedRun.ExitCode == 0, fixedRun.StdOut + fixedRun.StdErr);
        Assert.Contains("Imported", fixedRun.StdOut, StringComparison.Ordinal);
        Assert.Contains("Shift_JIS", fixedRun.StdOut, StringComparison.Ordinal);
        Assert.Equal("株式会社さくら商事", name);
        Assert.True(list.ExitCode == 0 && list.StdOut.Contains("system", StringComparison.Ordinal), list.StdOut);
        Assert.True(revert.ExitCode == 0, revert.StdOut + revert.StdErr);
        Assert.Equal(0, await db.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.CountAsync()));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("bereits rückgängig", again.StdErr, StringComparison.Ordinal);
    }
}
