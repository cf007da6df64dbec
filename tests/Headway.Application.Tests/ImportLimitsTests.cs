using System.IO.Compression;
using System.Text;
using Headway.Application.Data;
using Headway.Application.Imports;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>Files built to exhaust a server: each is refused with its own code, cheaply, and never as an exception.</summary>
public class ImportLimitsTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Caller Gateway = new("gateway@example", null, null, Role.Gateway);

    private async Task<ImportFile.Response> ImportAsync(byte[] file, string name, ImportLimits? limits = null, bool dryRun = false)
    {
        using var stream = new MemoryStream(file);
        var result = await Database.RunAsync(sp => new ImportFile.Handler(sp.GetRequiredService<HeadwayDbContext>(), sp.GetRequiredService<TimeProvider>(),
            limits ?? sp.GetRequiredService<ImportLimits>(), sp.GetRequiredService<ImportActivity>(), sp.GetRequiredService<Domain.Taxonomy.WorkloadCatalogue>()).HandleAsync(new ImportFile.Request(stream, name, dryRun)), Gateway, Now);
        Assert.True(result.Succeeded, result.Refusal?.Code);
        return result.Value!;
    }

    private static (int Row, string? Column, string Code) Only(ImportFile.Response response)
    {
        Assert.False(response.Applied);
        var problem = Assert.Single(response.Problems);
        return (problem.Row, problem.Column, problem.Refusal.Code);
    }

    /// <summary>Opens a file on this thread and counts what that allocated (other tests run on other threads meanwhile).</summary>
    private static (Result<ImportReader> Opened, long Allocated) OpenCounting(byte[] file, string name)
    {
        using var stream = new MemoryStream(file);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var opened = ImportReader.Open(stream, name);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        opened.Value?.Dispose();
        return (opened, allocated);
    }

    private static byte[] SharedStringBomb(long characters) => Workbooks.Xlsx(
        [s => s.Write(Encoding.UTF8.GetBytes(Workbooks.Row("tenant", "workload") + "<row><c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><t>EXO</t></is></c></row>"))],
        ("xl/sharedStrings.xml", s =>
        {
            s.Write(Encoding.UTF8.GetBytes($"<sst xmlns=\"{Workbooks.Main}\" count=\"1\" uniqueCount=\"1\"><si><t>"));
            Workbooks.Repeat(s, 'a', characters);
            s.Write("</t></si></sst>"u8);
        }
    ));

    [Fact]
    public async Task Import_WorkbookWithOne512MegabyteCell_IsRefusedUnreadAndAllocatesLittle()
    {
        var bomb = SharedStringBomb(512L << 20);
        Assert.InRange(bomb.Length, 1, 2 << 20);

        var (opened, allocated) = OpenCounting(bomb, "tenants.xlsx");
        var response = await ImportAsync(bomb, "tenants.xlsx");

        Assert.Equal(RefusalCodes.ImportPartTooCompressed, opened.Refusal?.Code);
        Assert.Equal(["xl/sharedStrings.xml", "100"], opened.Refusal!.Args);
        Assert.InRange(allocated, 0, 64L << 20);
        Assert.Equal((0, null, RefusalCodes.ImportPartTooCompressed), Only(response));
        Assert.Contains("sharedStrings.xml", response.Problems[0].Refusal.Message("ja"), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PartLargerThanConfigured_IsRefusedWithItsNameAndTheLimit()
    {
        var file = Workbooks.Xlsx(Workbooks.Row("tenant", "workload") + string.Concat(Enumerable.Repeat(Workbooks.Row("Contoso", "EXO"), 20_000)));
        using var stream = new MemoryStream(file);

        var opened = ImportReader.Open(stream, "tenants.xlsx", limits: new ImportLimits { MaxPartBytes = 1 << 20 });

        Assert.Equal(RefusalCodes.ImportPartTooLarge, opened.Refusal?.Code);
        Assert.Equal(["xl/worksheets/sheet1.xml", "1"], opened.Refusal!.Args);
    }

    [Fact]
    public void ZipEntry_HeaderDeclaringLessThanTheEntryHolds_StopsAtTheDeclaredSize()
    {
        var zip = Workbooks.DeclareUncompressedSize(Workbooks.Zip(("big.txt", s => Workbooks.Repeat(s, 'x', 10 << 20))), "big.txt", 1000);

        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var entry = archive.Entries[0].Open();
        var read = 0L;
        var buffer = new byte[1 << 16];
        for (int n; (n = entry.Read(buffer)) > 0;)
        {
            read += n;
        }

        // The import relies on this (and checks it again itself): a lying header cannot make a part inflate past it.
        Assert.Equal(1000, archive.Entries[0].Length);
        Assert.Equal(1000, read);
    }

    [Fact]
    public async Task Import_SheetWhoseHeaderUnderstatesItsSize_IsUnreadableAndAllocatesLittle()
    {
        // 64 MB of rows behind a header that declares 4 KB: a ratio check alone would let it through.
        var rows = Encoding.UTF8.GetBytes(Workbooks.Row("Contoso Ltd", "DE", "EXO"));
        var file = Workbooks.DeclareUncompressedSize(Workbooks.Xlsx([s =>
        {
            s.Write(Encoding.UTF8.GetBytes(Workbooks.Row("tenant", "country", "workload")));
            for (var written = 0L; written < 64L << 20; written += rows.Length)
            {
                s.Write(rows);
            }
        }]), "xl/worksheets/sheet1.xml", 4096);

        var (opened, allocated) = OpenCounting(file, "tenants.xlsx");
        var response = await ImportAsync(file, "tenants.xlsx");

        Assert.InRange(allocated, 0, 64L << 20);
        Assert.Equal(RefusalCodes.ImportUnreadable, opened.Refusal?.Code);
        Assert.Equal((0, null, RefusalCodes.ImportUnreadable), Only(response));
    }

    public static TheoryData<string, string> NotWorkbooks() => new()
    {
        { "a zip of something else", "tenants.xlsx" },
        { "a zip of something else", "tenants.csv" },
        { "PK and nothing more", "tenants.csv" },
        { "PK and nothing more", "tenants.xlsx" },
        { "a workbook whose sheet breaks off", "tenants.xlsx" },
        { "a workbook with a DOCTYPE", "tenants.xlsx" },
    };

    [Theory]
    [MemberData(nameof(NotWorkbooks))]
    public async Task Import_FileThatIsNotAWorkbook_IsUnreadableNotAnException(string what, string name)
    {
        var file = what switch
        {
            "a zip of something else" => Workbooks.Zip(Workbooks.Part("readme.txt", "tenant,workload\nContoso,EXO\n")),
            "PK and nothing more" => [.. "PK\u0003\u0004"u8, .. Encoding.ASCII.GetBytes("tenant,workload\nContoso,EXO\n")],
            "a workbook whose sheet breaks off" => Workbooks.Xlsx(Workbooks.Row("tenant", "workload") + "<row><c t=\"inlineStr\"><is><t>Contoso"),
            _ => Workbooks.Zip(
                Workbooks.Part("xl/workbook.xml", "<!DOCTYPE workbook [<!ENTITY a \"aaaaaaaaaa\">]><workbook/>"),
                Workbooks.Part("xl/worksheets/sheet1.xml", "<worksheet/>")),
        };

        var response = await ImportAsync(file, name);

        Assert.Equal((0, null, RefusalCodes.ImportUnreadable), Only(response));
        Assert.StartsWith("The file could not be read as CSV or Excel: ", response.Problems[0].Refusal.Message("en"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenants.csv")]
    [InlineData("tenants.xlsx")]
    public async Task Import_CellLongerThanExcelAllows_IsRefusedWithItsRowAndColumn(string name)
    {
        var note = string.Concat(Enumerable.Repeat("Die Migration läuft, \"bald\" fertig. ", 1_000))[..32_768];
        string[] header = ["tenant", "country", "workload", "note"];
        string[][] rows = [["Contoso GmbH", "DE", "EXO", ""], ["Contoso GmbH", "DE", "SPO", note], ["Contoso GmbH", "DE", "TEAMS", ""]];
        byte[] file;
        if (name.EndsWith(".csv", StringComparison.Ordinal))
        {
            file = Encoding.UTF8.GetBytes(string.Join('\n', new[] { header }.Concat(rows).Select(r => string.Join(',', r.Select(c => $"\"{c.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")))));
        }
        else
        {
            // As spreadsheet programs save it: the note is a shared string. (Excel itself would not save it at all.)
            file = Workbooks.Xlsx(
                [s => s.Write(Encoding.UTF8.GetBytes(Workbooks.Row(header) + Workbooks.Row(rows[0][..3]) +
                    "<row><c t=\"inlineStr\"><is><t>Contoso GmbH</t></is></c><c t=\"inlineStr\"><is><t>DE</t></is></c><c t=\"inlineStr\"><is><t>SPO</t></is></c><c t=\"s\"><v>0</v></c></row>" +
                    Workbooks.Row(rows[2][..3])))],
                Workbooks.Part("xl/sharedStrings.xml", $"<sst xmlns=\"{Workbooks.Main}\"><si><t>{System.Security.SecurityElement.Escape(note)}</t></si></sst>"));
        }

        var response = await ImportAsync(file, name, dryRun: true);

        Assert.Equal((3, "note", RefusalCodes.ImportCellTooLong), Only(response));
        Assert.Equal("Die Zelle enthält mehr als 32767 Zeichen, mehr als eine Zelle enthalten darf.", response.Problems[0].Refusal.Message("de"));
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void Rows_CsvFieldAtAndJustOverTheLimit_IsReadOrStopsWithItsColumn(int length, bool refused)
    {
        var quoted = "\"" + new string('"', 4).Replace("\"", "\"\"", StringComparison.Ordinal) + new string('n', length - 4) + "\"";
        var file = Encoding.UTF8.GetBytes($"tenant,workload,note\nA,EXO,short\nB,SPO,{quoted}\nC,OD,short\n");

        using var reader = ImportReader.Open(new MemoryStream(file), "tenants.csv", limits: new ImportLimits { MaxCellCharacters = 10 }).Value!;
        var rows = reader.Rows().ToList();

        Assert.Equal(refused ? [2] : [2, 3, 4], rows.Select(r => r.Row));
        Assert.Equal(refused ? (RefusalCodes.ImportCellTooLong, 3, "note") : (null, null, null), (reader.Failure?.Code, reader.FailureRow, reader.FailureColumn));
    }

    [Fact]
    public void Rows_CsvFieldFarOverTheLimit_StopsBeforeItIsHeldWhole()
    {
        var file = Encoding.UTF8.GetBytes("tenant,workload,note\nA,EXO," + new string('n', 1_000) + "\n");

        using var reader = ImportReader.Open(new MemoryStream(file), "tenants.csv", limits: new ImportLimits { MaxCellCharacters = 10 }).Value!;
        var rows = reader.Rows().ToList();

        Assert.Empty(rows);
        Assert.Equal((RefusalCodes.ImportCellTooLong, 2, "note"), (reader.Failure?.Code, reader.FailureRow, reader.FailureColumn));
    }

    [Fact]
    public void Open_WorkbookCellManyTimesTheLimit_IsRefusedBeforeAnyParserHoldsIt()
    {
        var limits = new ImportLimits { MaxCellCharacters = 1_000 };
        var file = Workbooks.Xlsx([s =>
        {
            s.Write(Encoding.UTF8.GetBytes(Workbooks.Row("tenant", "workload") + "<row><c t=\"inlineStr\"><is><t>"));
            Workbooks.Repeat(s, 'n', 9_000);
            s.Write("</t></is></c></row>"u8);
        }]);
        using var stream = new MemoryStream(file);

        var opened = ImportReader.Open(stream, "tenants.xlsx", limits: limits);

        Assert.Equal((RefusalCodes.ImportCellTooLong, "1000"), (opened.Refusal?.Code, opened.Refusal?.Args[0]));
    }

    [Theory]
    [InlineData("tenants.csv")]
    [InlineData("tenants.xlsx")]
    public async Task Import_MoreRowsThanConfigured_IsRefusedAtTheFirstRowPastTheLimit(string name)
    {
        string[][] rows = [.. Enumerable.Range(1, 6).Select(i => new[] { $"Tenant {i}", "DE", "EXO" })];
        var file = name.EndsWith(".csv", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes("tenant,country,workload\n" + string.Concat(rows.Select(r => string.Join(',', r) + "\n")))
            : Workbooks.Xlsx(Workbooks.Row("tenant", "country", "workload") + string.Concat(rows.Select(r => Workbooks.Row(r))));

        var refused = await ImportAsync(file, name, new ImportLimits { MaxRows = 4 });
        var allowed = await ImportAsync(file, name, new ImportLimits { MaxRows = 6 }, dryRun: true);

        Assert.Equal((6, null, RefusalCodes.ImportTooManyRows), Only(refused));
        Assert.Equal("4", refused.Problems[0].Refusal.Args[0]);
        Assert.Equal(0, await Database.RunAsync(sp => sp.GetRequiredService<HeadwayDbContext>().Tenants.CountAsync(t => t.Name.StartsWith("Tenant "))));
        Assert.Equal((6, 0), (allowed.Rows, allowed.Problems.Count));
    }

    [Fact]
    public async Task Import_WorkbookWithAMillionEmptyRows_ReadsTheRowAfterThemWithItsNumber()
    {
        var file = Workbooks.Xlsx([s =>
        {
            s.Write(Encoding.UTF8.GetBytes(Workbooks.Row("tenant", "country", "workload")));
            for (var r = 2; r <= 1_000_001; r++)
            {
                s.Write(Encoding.ASCII.GetBytes($"<row r=\"{r}\"/>"));
            }

            s.Write(Encoding.UTF8.GetBytes(Workbooks.Row("Contoso Ltd", "XX", "EXO").Replace("<row>", "<row r=\"1000002\">", StringComparison.Ordinal)));
        }]);

        var response = await ImportAsync(file, "tenants.xlsx", dryRun: true);

        Assert.InRange(file.Length, 1, 8 << 20);
        Assert.Equal((1_000_002, "country", RefusalCodes.UnknownCountry), Only(response));
        Assert.Equal(1, response.Rows);
    }

    [Fact]
    public async Task Import_HeaderWiderThanConfigured_IsRefused()
    {
        var file = Workbooks.Xlsx(Workbooks.Row([.. Enumerable.Range(1, 70).Select(i => $"extra {i}"), "tenant", "workload"]) + Workbooks.Row("a"));

        var response = await ImportAsync(file, "tenants.xlsx");

        Assert.Equal((0, null, RefusalCodes.ImportTooManyColumns), Only(response));
        Assert.Equal(["72", "64"], response.Problems[0].Refusal.Args);
    }

    [Fact]
    public void AddHeadwayApplication_ImportSection_SetsTheLimitsAndKeepsTheOtherDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Import:MaxRows", "5000"), new("Import:MaxPartBytes", "1048576")]).Build();
        var bad = new ConfigurationBuilder().AddInMemoryCollection([new("Import:MaxCellCharacters", "0")]).Build();

        var limits = new ServiceCollection().AddHeadwayApplication(configuration).BuildServiceProvider().GetRequiredService<ImportLimits>();

        Assert.Equal(ImportLimits.Default with { MaxRows = 5000, MaxPartBytes = 1 << 20 }, limits);
        Assert.Equal(512L << 20, limits.MaxUploadBytes);
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddHeadwayApplication(bad));
    }
}
