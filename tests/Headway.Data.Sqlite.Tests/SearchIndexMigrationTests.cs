using System.Text.RegularExpressions;
using Headway.Application.Search;
using Headway.Data.Sqlite.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Headway.Data.Sqlite.Tests;

/// <summary>The migration's triggers are literal SQL; they must index what <see cref="SearchSources"/> says the rebuild indexes.</summary>
public class SearchIndexMigrationTests
{
    private static readonly string Sql = string.Concat(new Initial().UpOperations.OfType<SqlOperation>().Select(o => o.Sql));

    private static string OfNewRow(string expression) => Regex.Replace(expression, "\"(\\w+)\"", "new.\"$1\"");

    [Fact]
    public void InsertTriggers_EverySource_IndexTheSameKeyTenantTimeAndText()
    {
        foreach (var source in SearchSources.All)
        {
            var trigger = Regex.Match(Sql, $"CREATE TRIGGER \"SearchIndex_\\w+\" AFTER INSERT ON \"{source.Table}\"(?<body>.*?)END;", RegexOptions.Singleline);
            Assert.True(trigger.Success, $"No insert trigger on {source.Table}.");
            Assert.Contains(OfNewRow($"{source.Key}, {source.TenantId}, \"PartnerId\", {source.At}, {source.Text}"), trigger.Groups["body"].Value);
            if (source.Filter is { } filter)
            {
                Assert.Contains(OfNewRow(filter), trigger.Groups["body"].Value);
            }
        }
    }

    [Fact]
    public void InsertTriggers_NoTableBeyondTheSources_IsIndexed()
    {
        var tables = Regex.Matches(Sql, "AFTER INSERT ON \"(\\w+)\"").Select(m => m.Groups[1].Value);

        Assert.Equal(SearchSources.All.Select(s => s.Table), tables);
    }
}
