using System.Globalization;
using System.Text;
using Headway.Application.Exports;

namespace Headway.Benchmarks.Import;

/// <summary>
/// Writes an import file the size the programme reaches: N tenants with all 16 entitlement workloads each,
/// statuses spread over the L1s, and a note in the tenant's country's language on every row. The notes
/// carry the tenant's number, so every note is different and the coach grades each one. The same rows are
/// written as CSV, or as a workbook shaped the way the export writes one (the OpenXML writer, inline strings,
/// seats as numbers, a sheet per million rows with the header repeated).
/// </summary>
public static class ImportFileGenerator
{
    private static readonly string[] Header = ["tenant", "country", "seats", "priority", "workload", "l1", "l2", "note", "targetDate", "projectedUnblockDate"];

    private static readonly string[] Workloads = ["EXO", "OLM", "SPO", "OD", "OPP", "TEAMS", "YAM", "WIN10", "INTUNE", "AADP", "AIP", "MCAS", "IDSEC", "PROJ", "WDATP", "SDS"];

    private static readonly (string Country, string Lang)[] Countries = [("US", "en"), ("GB", "en"), ("DE", "de"), ("CN", "zh"), ("JP", "ja"), ("FR", "en")];

    private static readonly Dictionary<string, string[]> Notes = new()
    {
        ["en"] = ["Mailbox migration under way: {0} of {1} users moved, the rest follow by the end of the quarter.",
                  "Blocked by the customer's proxy: {0} users cannot reach the service until the firewall rule is changed.",
                  "The customer chose a competitor's suite for all {1} users in a group-wide decision."],
        ["de"] = ["Postfachmigration läuft: {0} von {1} Benutzern sind umgezogen, der Rest folgt bis Quartalsende.",
                  "Der Proxy des Kunden blockiert {0} Benutzer, bis die Firewall-Regel geändert ist.",
                  "Der Kunde hat sich konzernweit für die Suite eines Wettbewerbers für alle {1} Benutzer entschieden."],
        ["zh"] = ["邮箱迁移进行中：{1} 个用户中已迁移 {0} 个，其余将在本季度末前完成。",
                  "客户的代理服务器阻止了 {0} 个用户访问该服务，需等待防火墙规则变更。",
                  "客户在集团层面为全部 {1} 个用户选择了竞争对手的套件。"],
        ["ja"] = ["メールボックスの移行中：{1} 名のうち {0} 名が完了し、残りは四半期末までに移行します。",
                  "顧客のプロキシにより {0} 名がサービスに接続できず、ファイアウォールのルール変更待ちです。",
                  "顧客はグループ全体の判断で、{1} 名全員に競合他社のスイートを採用しました。"],
    };

    /// <summary>Writes CSV, or a workbook when the path ends in .xlsx.</summary>
    public static void Write(string path, int tenants)
    {
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            WriteWorkbook(path, tenants);
        }
        else
        {
            WriteCsv(path, tenants);
        }
    }

    private static void WriteCsv(string path, int tenants)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write(string.Join(',', Header) + "\n");
        foreach (var row in Rows(tenants))
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{row[0]},{row[1]},{row[2]},{row[3]},{row[4]},{row[5]},{row[6]},\"{row[7]}\",{row[8]},{row[9]}\n"));
        }
    }

    /// <summary>The same rows as the export writes a workbook (its own writer: seats as a number, a sheet per million rows).</summary>
    private static void WriteWorkbook(string path, int tenants)
    {
        using var workbook = new WorkbookWriter(path, "entitlements", Header);
        foreach (var row in Rows(tenants))
        {
            workbook.Add([.. row.Select((value, i) => i == 2 ? int.Parse(value, CultureInfo.InvariantCulture) : (object?)value)]);
        }
    }

    /// <summary>The rows in the order of <see cref="Header"/>; the same rows on every call.</summary>
    private static IEnumerable<string[]> Rows(int tenants)
    {
        var random = new Random(2026);
        var c = CultureInfo.InvariantCulture;
        for (var t = 0; t < tenants; t++)
        {
            var (country, lang) = Countries[t % Countries.Length];
            var seats = 50 + random.Next(20_000);
            var name = $"Import Tenant {t:D6}";
            foreach (var w in Workloads)
            {
                var kind = random.Next(4);
                var done = random.Next(1, seats);
                var note = string.Format(c, Notes[lang][Math.Min(kind, 2)], done, seats);
                var (l1, l2, target, unblock) = kind switch
                {
                    0 => ("InProgress", "Migration", "2030-06-30", ""),
                    1 => ("Blocked", "CustomerItInfrastructureRemediation", "", "2030-03-31"),
                    2 => ("NoIntent", "UsingCompetitiveSolution", "", ""),
                    _ => ("InProgress", "TechnicalOnboardingDeployment", "2030-09-30", ""),
                };
                yield return [name, country, seats.ToString(c), t % 3 == 0 ? "High" : "Medium", w, l1, l2, note, target, unblock];
            }
        }
    }
}
