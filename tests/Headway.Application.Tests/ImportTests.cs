using System.Text;
using ClosedXML.Excel;
using Headway.Application.Entitlements;
using Headway.Application.Imports;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class ImportTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Caller Gateway = new("gateway@example", null, null, Role.Gateway);

    /// <summary>Files with statuses are imported by the operator (the command line): a status is an edit, which a gateway manager may not make.</summary>
    private static readonly Caller Operator = Caller.System;

    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header = "tenant,country,seats,priority,manager,workload,l1,l2,note,targetDate,projectedUnblockDate";

    private async Task<ImportFile.Response> ImportAsync(byte[] file, string name = "tenants.csv", bool dryRun = false, Caller? caller = null, string? encoding = null)
    {
        using var stream = new MemoryStream(file);
        var result = await Database.RunAsync(sp => sp.GetRequiredService<ImportFile.Handler>()
            .HandleAsync(new ImportFile.Request(stream, name, dryRun, encoding)), caller ?? Operator, Now);
        Assert.True(result.Succeeded, result.Refusal?.Code);
        return result.Value!;
    }

    private Task<T> ReadAsync<T>(Func<Data.HeadwayDbContext, Task<T>> read) =>
        Database.RunAsync(sp => read(sp.GetRequiredService<Data.HeadwayDbContext>()));

    private Task<(int Tenants, int Entitlements, int History)> CountsAsync() => ReadAsync(async db =>
        (await db.Tenants.CountAsync(), await db.Entitlements.CountAsync(), await db.StatusChanges.CountAsync()));

    public static TheoryData<string, string> Encodings() => new()
    {
        { "UTF-8 with BOM", "UTF-8" },
        { "UTF-8", "UTF-8" },
        { "UTF-16", "UTF-16" },
        { "UTF-16 without BOM", "UTF-16" },
        { "GB18030", "GB18030" },
        { "Shift_JIS", "Shift_JIS" },
    };

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "UTF-8 with BOM" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
        "UTF-8" => Encoding.UTF8.GetBytes(text),
        "UTF-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        "UTF-16 without BOM" => Encoding.Unicode.GetBytes(text),
        "GB18030" => Encoding.GetEncoding(54936).GetBytes(text),
        "Shift_JIS" => Encoding.GetEncoding(932).GetBytes(text),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    /// <summary>Chinese text for GB18030, Japanese for Shift_JIS (neither holds the other's kana or simplified characters), both elsewhere.</summary>
    private static string SampleFor(string encoding) => encoding switch
    {
        "GB18030" => Header + "\r\n北京云端科技有限公司,CN,300,High,fm@example,EXO,InProgress,Migration,客户的邮箱迁移已开始，第一批 200 个用户已完成。,2026-09-30,\r\n" +
                     "北京云端科技有限公司,CN,300,High,fm@example,SPO,Blocked,LegalRegulatory,客户的数据必须留在中国境内，等待法务审批。,,2026-08-15\r\n",
        "Shift_JIS" => Header + "\r\n株式会社さくら商事,JP,450,Medium,fm@example,EXO,InProgress,Migration,メールボックスの移行を開始し、第一陣の 200 名が完了しました。,2026-09-30,\r\n" +
                       "株式会社さくら商事,JP,450,Medium,fm@example,SPO,Blocked,LegalRegulatory,顧客のデータは国内に置く必要があり、法務の承認待ちです。,,2026-08-15\r\n",
        _ => Header + "\r\n株式会社さくら商事,JP,450,Medium,fm@example,EXO,InProgress,Migration,メールボックスの移行を開始し、第一陣の 200 名が完了しました。,2026-09-30,\r\n" +
             "北京云端科技有限公司,CN,300,High,fm@example,SPO,Blocked,LegalRegulatory,客户的数据必须留在中国境内，等待法务审批。,,2026-08-15\r\n",
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Import_EachEncodingSpreadsheetsWrite_IsDetectedAndReadExactly(string encoding, string detected)
    {
        var text = SampleFor(encoding);

        var response = await ImportAsync(Encode(text, encoding));

        Assert.True(response.Applied, string.Join("; ", response.Problems.Select(p => $"{p.Row} {p.Column} {p.Refusal.Code}")));
        Assert.Equal(detected, response.Encoding);
        Assert.Equal((2, 2), (response.Rows, response.EntitlementsCreated));
        var notes = await ReadAsync(db => db.Entitlements.Where(e => e.Note != null).Select(e => e.Note!).ToListAsync());
        var expected = text.Split("\r\n").Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[8]).Order().ToList();
        Assert.Equal(expected, notes.Order().ToList());
        var names = await ReadAsync(db => db.Tenants.Select(t => t.Name).ToListAsync());
        Assert.All(text.Split("\r\n").Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]), n => Assert.Contains(n, names));
    }

    [Fact]
    public async Task Import_ExcelFile_CreatesTenantsEntitlementsAndHistoryWithGradesAndDates()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Tenants");
        string[] header = ["Tenant", "Country", "Seats", "Workload", "L1", "L2", "Note", "Target date"];
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = header[c];
        }

        sheet.Cell(2, 1).Value = "Fabrikam Versicherung AG";
        sheet.Cell(2, 2).Value = "DE";
        sheet.Cell(2, 3).Value = 2500;
        sheet.Cell(2, 4).Value = "EXO";
        sheet.Cell(2, 5).Value = "InProgress";
        sheet.Cell(2, 6).Value = "Migration";
        sheet.Cell(2, 7).Value = "Postfachmigration läuft: 800 von 2.500 Postfächern sind umgezogen, der Rest folgt bis Ende September.";
        sheet.Cell(2, 8).Value = new DateTime(2026, 9, 30);
        sheet.Cell(3, 1).Value = "Fabrikam Versicherung AG";
        sheet.Cell(3, 2).Value = "DE";
        sheet.Cell(3, 4).Value = "TEAMS";
        using var file = new MemoryStream();
        workbook.SaveAs(file);

        var response = await ImportAsync(file.ToArray(), "tenants.xlsx");

        Assert.True(response.Applied);
        Assert.Equal((1, 2, 0), (response.TenantsCreated, response.EntitlementsCreated, response.EntitlementsChanged));
        var tenant = await ReadAsync(db => db.Tenants.Include(t => t.Entitlements).SingleAsync(t => t.Name == "Fabrikam Versicherung AG"));
        Assert.Equal(("EMEA", 2500, "system"), (tenant.Region, tenant.Seats, tenant.Entitlements.First().LastChangedBy));
        var exo = tenant.Entitlements.Single(e => e.Workload == "EXO");
        Assert.Equal(("InProgress", "Migration", new DateOnly(2026, 9, 30)), (exo.L1, exo.L2, exo.TargetDate));
        Assert.NotNull(exo.NoteGrade);
        Assert.Equal(("StatusUnknown", "NewSubscriptionOrWorkload"), (tenant.Entitlements.Single(e => e.Workload == "TEAMS").L1, tenant.Entitlements.Single(e => e.Workload == "TEAMS").L2));
        // One history entry: created with the file's status.
        var history = await ReadAsync(db => db.StatusChanges.Where(c => c.EntitlementId == exo.Id).ToListAsync());
        var created = Assert.Single(history);
        Assert.Equal((ChangeKind.Created, "InProgress", "Migration"), (created.Kind, created.L1, created.L2));
        Assert.Contains(created.Changes, c => c is { Field: "L1", Before: null, After: "InProgress" });
        Assert.Contains(created.Changes, c => c is { Field: "TargetDate", Before: null, After: "2026-09-30" });
    }

    [Fact]
    public async Task Import_FileWithBadRows_DryRunListsEveryProblemAndARealRunChangesNothing()
    {
        var file = Encoding.UTF8.GetBytes(Header + "\n" +
            "Northwind Traders,US,100,High,fm@example,EXO,InProgress,Migration,Migration started for the first 100 users.,2026-09-30,\n" + // good
            "Northwind Traders,US,100,High,fm@example,SPO,InProgress,Migration,Started.,,\n" + // row 3: In progress without a target date
            ",US,100,High,fm@example,TEAMS,,,,,\n" + // row 4: no tenant name
            "Tailspin Toys,XX,abc,Urgent,fm@example,NOPE,,,,,\n" + // row 5: country, seats, priority, workload
            "Northwind Traders,US,100,High,fm@example,EXO,Blocked,LegalRegulatory,Second row for the same workload.,,2026-08-01\n" + // row 6: repeats row 2
            "Northwind Traders,US,100,High,fm@example,OD,,,A note without a status.,,\n" + // row 7: status fields without L1
            "Northwind Traders,US,100,High,fm@example,OPP,Blocked,Migration,Wrong L2 for Blocked.,,31/12/2026\n"); // row 8: L2 and date
        var before = await CountsAsync();

        var dry = await ImportAsync(file, dryRun: true);
        var real = await ImportAsync(file);

        var problems = dry.Problems.Select(p => (p.Row, p.Column, p.Refusal.Code)).ToList();
        Assert.Equal(
        [
            (3, "targetDate", RefusalCodes.TargetDateRequired),
            (4, "tenant", RefusalCodes.ValueRequired),
            (5, "country", RefusalCodes.UnknownCountry),
            (5, "seats", RefusalCodes.InvalidNumber),
            (5, "priority", RefusalCodes.UnknownChoice),
            (6, "workload", RefusalCodes.RowRepeatsEntitlement),
            (7, "l1", RefusalCodes.ValueRequired),
            (8, "projectedUnblockDate", RefusalCodes.InvalidDate),
        ], problems);
        Assert.Equal(problems, real.Problems.Select(p => (p.Row, p.Column, p.Refusal.Code)).ToList());
        Assert.False(dry.Applied);
        Assert.False(real.Applied);
        Assert.Null(real.ImportId);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, await ReadAsync(db => db.ImportBatches.CountAsync()));
        Assert.Equal("Zeile 2 der Datei setzt bereits EXO dieses Tenants.", dry.Problems.Single(p => p.Row == 6).Refusal.Message("de"));
    }

    [Fact]
    public async Task Import_CleanDryRun_CountsWhatWouldHappenAndChangesNothing()
    {
        var before = await CountsAsync();

        var dry = await ImportAsync(Encoding.UTF8.GetBytes(SampleFor("UTF-8")), dryRun: true);

        Assert.Equal((false, true, 2, 2, 0), (dry.Applied, dry.DryRun, dry.TenantsCreated, dry.EntitlementsCreated, dry.Problems.Count));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Revert_AnImportThatCreatedAndChanged_RestoresTheEarlierStateAsOneUnit()
    {
        var before = await CountsAsync();
        var exoBefore = await ReadAsync(db => db.Entitlements.AsNoTracking().SingleAsync(e => e.TenantId == Ids.TenantCentre && e.Workload == "EXO"));
        var file = Encoding.UTF8.GetBytes("id,workload,l1,l2,note,projectedUnblockDate\n" +
            $"{Ids.TenantCentre},EXO,Blocked,LegalRegulatory,法務部門がデータの国外保存を承認するまで移行できません。,2026-08-31\n" +
            $"{Ids.TenantCentre},INTUNE,,,,\n");
        var imported = await ImportAsync(file);

        Assert.True(imported.Applied, string.Join("; ", imported.Problems.Select(p => $"{p.Row} {p.Column} {p.Refusal.Code}")));
        Assert.Equal((0, 1, 1), (imported.TenantsCreated, imported.EntitlementsCreated, imported.EntitlementsChanged));
        var second = await ImportAsync(Encoding.UTF8.GetBytes(SampleFor("UTF-8")));
        var afterImports = await CountsAsync();

        var reverted = await Database.RunAsync(sp => sp.GetRequiredService<RevertImport.Handler>().HandleAsync(new RevertImport.Request(second.ImportId!.Value)), Gateway, Now);
        var first = await Database.RunAsync(sp => sp.GetRequiredService<RevertImport.Handler>().HandleAsync(new RevertImport.Request(imported.ImportId!.Value)), Gateway, Now);
        var again = await Database.RunAsync(sp => sp.GetRequiredService<RevertImport.Handler>().HandleAsync(new RevertImport.Request(imported.ImportId!.Value)), Gateway, Now);

        Assert.True(reverted.Succeeded, reverted.Refusal?.Code);
        Assert.Equal((2, 2, 0), (reverted.Value!.TenantsRemoved, reverted.Value.EntitlementsRemoved, reverted.Value.EntitlementsRestored));
        Assert.True(first.Succeeded, first.Refusal?.Code);
        Assert.Equal((0, 1, 1), (first.Value!.TenantsRemoved, first.Value.EntitlementsRemoved, first.Value.EntitlementsRestored));
        Assert.Equal(RefusalCodes.ImportAlreadyReverted, again.Refusal?.Code);
        Assert.NotEqual(before, afterImports);
        var exo = await ReadAsync(db => db.Entitlements.AsNoTracking().SingleAsync(e => e.TenantId == Ids.TenantCentre && e.Workload == "EXO"));
        Assert.Equal((exoBefore.L1, exoBefore.L2, exoBefore.Note, exoBefore.ProjectedUnblockDate), (exo.L1, exo.L2, exo.Note, exo.ProjectedUnblockDate));
        // The history keeps the import and its revert: two entries more than before, nothing else.
        Assert.Equal((before.Tenants, before.Entitlements, before.History + 2), await CountsAsync());
        Assert.All(await ReadAsync(db => db.ImportBatches.ToListAsync()), b => Assert.Equal("gateway@example", b.RevertedBy));
    }

    [Fact]
    public async Task Revert_AfterSomeoneChangedAnImportedEntitlement_IsRefusedAndRevertsNothing()
    {
        var imported = await ImportAsync(Encoding.UTF8.GetBytes(SampleFor("UTF-8")));
        var id = await ReadAsync(db => db.Tenants.Where(t => t.Name == "北京云端科技有限公司").Select(t => t.Id).SingleAsync());
        var edit = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(id, "SPO", 2,
            new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: "客户已全面采用竞争对手的协作平台。"))), new Caller(Seed.Manager, null, null, Role.Manager), Now);
        Assert.True(edit.Succeeded, edit.Refusal?.Code);
        var before = await CountsAsync();

        var reverted = await Database.RunAsync(sp => sp.GetRequiredService<RevertImport.Handler>().HandleAsync(new RevertImport.Request(imported.ImportId!.Value)), Gateway, Now);

        Assert.Equal((RefusalCodes.ImportChangedSince, "1"), (reverted.Refusal?.Code, reverted.Refusal?.Args[0]));
        Assert.Equal(before, await CountsAsync());
        Assert.Null(await ReadAsync(db => db.ImportBatches.Select(b => b.RevertedAt).SingleAsync()));
    }

    [Fact]
    public async Task Import_PartnerAdmin_CreatesInTheirPartnerAndCannotNameAnother_ManagerMayNotImport()
    {
        var partnerAdmin = new Caller("admin@a.example", Ids.PartnerA, null, Role.Admin);
        var file = Encoding.UTF8.GetBytes("tenant,country,workload,partner\nWoodgrove Bank,GB,EXO,\nWoodgrove Bank,GB,SPO,Partner B\n");

        var refused = await ImportAsync(file, caller: partnerAdmin);
        var own = await ImportAsync(Encoding.UTF8.GetBytes("tenant,country,workload\nWoodgrove Bank,GB,EXO\n"), caller: partnerAdmin);
        var manager = await Database.RunAsync(sp => sp.GetRequiredService<ImportFile.Handler>()
            .HandleAsync(new ImportFile.Request(new MemoryStream(file), "x.csv", true)), Seed.AsManager(), Now);

        Assert.Equal([(3, "partner", RefusalCodes.UnknownPartner)], refused.Problems.Select(p => (p.Row, p.Column, p.Refusal.Code)));
        Assert.True(own.Applied);
        Assert.Equal(Ids.PartnerA, await ReadAsync(db => db.Tenants.Where(t => t.Name == "Woodgrove Bank").Select(t => t.PartnerId).SingleAsync()));
        Assert.Equal(RefusalCodes.Forbidden, manager.Refusal?.Code);
    }

    /// <summary>
    /// An import can do nothing the status editor refuses: the same use-case function checks rights, the start-date
    /// reason and the rules for both (ChangeStatus and ImportFile call EntitlementEditing).
    /// </summary>
    [Theory]
    [InlineData("Gateway")]
    [InlineData("Admin")]
    public async Task Import_GatewayOrAdmin_MayRegisterButNotSetAStatusAsTheEditorRefusesThem(string role)
    {
        var caller = new Caller(role.ToLowerInvariant() + "@example", null, null, Enum.Parse<Role>(role));
        var before = await CountsAsync();
        var file = Encoding.UTF8.GetBytes($"id,workload,l1,l2,note\n{Ids.TenantCentre},EXO,NoIntent,UsingCompetitiveSolution,Uses a competitor's mail service.\n");
        var editor = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(Ids.TenantCentre, "EXO", 1,
            new EntitlementUpdate("NoIntent", "UsingCompetitiveSolution", Note: "Uses a competitor's mail service."))), caller, Now);

        var changed = await ImportAsync(file, caller: caller);
        var created = await ImportAsync(Encoding.UTF8.GetBytes("tenant,country,workload,l1,l2\nFourth Coffee,US,EXO,Blocked,PartnerEngagement\n"), caller: caller);
        var registered = await ImportAsync(Encoding.UTF8.GetBytes("tenant,country,workload\nFourth Coffee,US,EXO\n"), caller: caller);

        Assert.Equal(RefusalCodes.Forbidden, editor.Refusal?.Code);
        Assert.Equal([(2, RefusalCodes.Forbidden)], changed.Problems.Select(p => (p.Row, p.Refusal.Code)));
        Assert.Equal([(2, RefusalCodes.Forbidden)], created.Problems.Select(p => (p.Row, p.Refusal.Code)));
        Assert.True(registered.Applied);
        Assert.Equal((before.Tenants + 1, before.Entitlements + 1), ((await CountsAsync()).Tenants, (await CountsAsync()).Entitlements));
        var exo = await ReadAsync(db => db.Entitlements.AsNoTracking().SingleAsync(e => e.TenantId == Ids.TenantCentre && e.Workload == "EXO"));
        Assert.Equal(("StatusUnknown", 1), (exo.L1, exo.Version));
    }

    [Fact]
    public async Task Import_Gateway_MovesAnEngagementStartDateOnlyWithAReason_KeptAsAnOverallNote()
    {
        var started = await Database.RunAsync(sp => sp.GetRequiredService<ChangeStatus.Handler>().HandleAsync(new ChangeStatus.Request(Ids.TenantCentre, "SPO", 1,
            new EntitlementUpdate("InProgress", "Migration", Note: "Site migration of the first region is under way.", TargetDate: new DateOnly(2026, 12, 1),
                EngagementStartDate: new DateOnly(2026, 5, 20)))), Seed.AsManager(), Now);
        Assert.True(started.Succeeded, started.Refusal?.Code);
        const string Row = "id,workload,l1,l2,note,targetDate,engagementStartDate{0}\n{1},SPO,InProgress,Migration,Site migration of the first region is under way.,2026-12-01,2026-06-15{2}\n";
        var notes = await ReadAsync(db => db.OverallNotes.CountAsync(n => n.TenantId == Ids.TenantCentre));

        var withoutReason = await ImportAsync(Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "", Ids.TenantCentre, "")), caller: Gateway);
        var withReason = await ImportAsync(Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, ",engagementStartDateReason", Ids.TenantCentre,
            ",The customer's project lead starts three weeks later.")), caller: Gateway);

        Assert.Equal([("engagementStartDateReason", RefusalCodes.ReasonRequired)], withoutReason.Problems.Select(p => (p.Column ?? p.Refusal.Field, p.Refusal.Code)));
        Assert.True(withReason.Applied, string.Join("; ", withReason.Problems.Select(p => p.Refusal.Code)));
        var spo = await ReadAsync(db => db.Entitlements.AsNoTracking().SingleAsync(e => e.TenantId == Ids.TenantCentre && e.Workload == "SPO"));
        Assert.Equal((new DateOnly(2026, 6, 15), "gateway@example"), (spo.EngagementStartDate, spo.LastChangedBy));
        var note = await ReadAsync(db => db.OverallNotes.Where(n => n.TenantId == Ids.TenantCentre).OrderByDescending(n => n.Id).FirstAsync());
        Assert.Equal(notes + 1, await ReadAsync(db => db.OverallNotes.CountAsync(n => n.TenantId == Ids.TenantCentre)));
        Assert.Equal((Domain.Tenants.OverallNoteType.EngagementManagement, "SPO 2026-05-20 → 2026-06-15: The customer's project lead starts three weeks later.", "Gateway"),
            (note.Type, note.Text, note.AuthorRole));
    }

    [Theory]
    [InlineData("", "nobody@example")]
    [InlineData("", "gateway@example")]
    [InlineData("Partner A", "fm@example")]
    public async Task Import_NewTenantsManager_MustBeAManagerOfItsOwnPartner(string partner, string manager)
    {
        var file = Encoding.UTF8.GetBytes($"tenant,country,workload,partner,manager\nAdventure Works,GB,EXO,{partner},{manager}\n");

        var imported = await ImportAsync(file);

        Assert.Equal([("manager", RefusalCodes.NotAManager)], imported.Problems.Select(p => (p.Column, p.Refusal.Code)));
        Assert.False(await ReadAsync(db => db.Tenants.AnyAsync(t => t.Name == "Adventure Works")));
    }

    [Fact]
    public async Task Import_SameNoteOnSeveralWorkloadsOfATenant_NeedsConfirmationUnlessUnresponsive()
    {
        const string Note = "The customer is blocked by its data-protection officer until the works council agrees.";
        var file = Encoding.UTF8.GetBytes($"id,workload,l1,l2,note\n{Ids.TenantCentre},EXO,Blocked,SecurityPrivacyNonProduct,{Note}\n{Ids.TenantCentre},SPO,Blocked,SecurityPrivacyNonProduct,{Note}\n");
        var unresponsive = Encoding.UTF8.GetBytes($"id,workload,l1,l2,note\n{Ids.TenantA},EXO,StatusUnknown,CustomerUnresponsive,No response to 3 contact attempts. Managed customer.\n" +
            $"{Ids.TenantA},SPO,StatusUnknown,CustomerUnresponsive,No response to 3 contact attempts. Managed customer.\n");

        var refused = await ImportAsync(file);
        using var stream = new MemoryStream(file);
        var confirmed = await Database.RunAsync(sp => sp.GetRequiredService<ImportFile.Handler>()
            .HandleAsync(new ImportFile.Request(stream, "t.csv", false, ConfirmSameNote: true)), Operator, Now);
        var allUnresponsive = await ImportAsync(unresponsive);

        Assert.Equal([(3, "note", RefusalCodes.SameNoteOnSeveralWorkloads)], refused.Problems.Select(p => (p.Row, p.Column, p.Refusal.Code)));
        Assert.True(confirmed.Value?.Applied);
        Assert.True(allUnresponsive.Applied, string.Join("; ", allUnresponsive.Problems.Select(p => p.Refusal.Code)));
    }

    [Fact]
    public async Task Import_MissingColumnsOrWrongEncoding_IsOneProblemForTheFile()
    {
        var noWorkload = await ImportAsync(Encoding.UTF8.GetBytes("tenant,country\nA,DE\n"));
        var notUtf8 = await ImportAsync(Encoding.GetEncoding(932).GetBytes(SampleFor("Shift_JIS")), encoding: "UTF-8");
        var empty = await ImportAsync(Encoding.UTF8.GetBytes("tenant,workload\n"));

        Assert.Equal([(1, RefusalCodes.ImportColumnMissing)], noWorkload.Problems.Select(p => (p.Row, p.Refusal.Code)));
        Assert.Equal(RefusalCodes.ImportWrongEncoding, Assert.Single(notUtf8.Problems).Refusal.Code);
        Assert.False(notUtf8.Applied);
        Assert.Equal(RefusalCodes.ImportEmpty, Assert.Single(empty.Problems).Refusal.Code);
    }

    [Fact]
    public async Task Import_100000Rows_AllArriveWithTheirHistory()
    {
        // 6,250 tenants with all 16 entitlement workloads each: every row a new entitlement with a status.
        string[] known = ["EXO", "OLM", "SPO", "OD", "OPP", "TEAMS", "YAM", "WIN10", "INTUNE", "AADP", "AIP", "MCAS", "IDSEC", "PROJ", "WDATP", "SDS"];
        // And one existing entitlement changed, with a word nothing else has, to find it by search afterwards.
        var text = new StringBuilder("tenant,country,seats,workload,l1,l2,note,projectedUnblockDate\n山田製作所株式会社,JP,5000,EXO,Blocked,AppCompatibility,Zwergenaufstand: die Fachanwendung läuft nur lokal.,2026-12-01\n");
        var rows = 1;
        for (var t = 0; rows < 100_000; t++)
        {
            foreach (var w in known)
            {
                if (rows++ == 100_000)
                {
                    break;
                }

                text.Append("Tenant ").Append(t).Append(",DE,").Append(100 + t).Append(',').Append(w)
                    .Append(",Blocked,AppCompatibility,Die Fachanwendung ").Append(t % 50).Append(" läuft nur mit lokalem Exchange (").Append(w).Append(").,2026-12-01\n");
            }
        }

        var response = await ImportAsync(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.True(response.Applied, string.Join("; ", response.Problems.Take(5).Select(p => $"{p.Row} {p.Column} {p.Refusal.Code}")));
        Assert.Equal((100_000, 99_999, 1), (response.Rows, response.EntitlementsCreated, response.EntitlementsChanged));
        Assert.Equal(100_000, await ReadAsync(db => db.Entitlements.CountAsync(e => e.L1 == "Blocked")));
        Assert.Equal(99_999, await ReadAsync(db => db.StatusChanges.CountAsync(c => c.ChangedAt == Now && c.Kind == ChangeKind.Created && c.L1 == "Blocked")));
        // Search sees the imported rows and the changed one at once (SQLite indexes them in the import's transaction).
        var changed = await Database.RunAsync(sp => sp.GetRequiredService<Search.SearchAll.Handler>().HandleAsync(new Search.SearchAll.Request("Zwergenaufstand")));
        var tenant = await Database.RunAsync(sp => sp.GetRequiredService<Search.SearchAll.Handler>().HandleAsync(new Search.SearchAll.Request("\"Tenant 4242\"")));
        Assert.Equal("山田製作所株式会社", Assert.Single(changed.Value!.Hits.Items).TenantName);
        Assert.Contains(tenant.Value!.Hits.Items, h => h.TenantName == "Tenant 4242");
    }

    [Fact]
    public async Task Import_ExportedWorkbookOfTwoSheets_ImportsEveryRowOfBothAndNumbersRowsOn()
    {
        string[] known = ["EXO", "OLM", "SPO", "OD", "OPP", "TEAMS", "YAM", "WIN10", "INTUNE", "AADP", "AIP", "MCAS", "IDSEC", "PROJ", "WDATP", "SDS"];
        string[] header = ["tenant", "country", "seats", "workload", "l1", "l2", "note", "projectedUnblockDate"];
        object?[][] rows = [.. new[] { "Tailspin Toys GmbH", "Wingtip Toys AG" }.SelectMany(tenant => known.Select(w => new object?[]
            { tenant, "DE", 1200, w, "Blocked", "AppCompatibility", $"{w}: die Fachanwendung läuft nur mit lokalem Exchange.", "2026-12-01" }))];
        // Sheet 1: header and rows 2–21; sheet 2: its header at 22, rows 23–34.
        var file = Workbooks.Exported(header, rows, sheetRows: 20);
        rows[25][3] = "NOPE";
        var broken = Workbooks.Exported(header, rows, sheetRows: 20);

        var dry = await ImportAsync(broken, "export.xlsx", dryRun: true);
        var response = await ImportAsync(file, "export.xlsx");

        Assert.Equal([(28, "workload", RefusalCodes.UnknownWorkload)], dry.Problems.Select(p => (p.Row, p.Column, p.Refusal.Code)));
        Assert.True(response.Applied, string.Join("; ", response.Problems.Select(p => $"{p.Row} {p.Column} {p.Refusal.Code}")));
        Assert.Equal((32, 2, 32), (response.Rows, response.TenantsCreated, response.EntitlementsCreated));
        Assert.Equal(32, await ReadAsync(db => db.Entitlements.CountAsync(e => e.L1 == "Blocked" && e.ProjectedUnblockDate == new DateOnly(2026, 12, 1))));
    }
}
