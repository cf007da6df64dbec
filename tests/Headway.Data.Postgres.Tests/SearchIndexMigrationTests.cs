using System.Text.RegularExpressions;
using Headway.Application.Search;
using Headway.Data.Postgres.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Headway.Data.Postgres.Tests;

/// <summary>The migration's trigram indexes are literal SQL; they must cover the texts <see cref="SearchSources"/> says the search queries.</summary>
public class SearchIndexMigrationTests
{
    private static readonly string Sql = string.Concat(new Initial().UpOperations.OfType<SqlOperation>().Select(o => o.Sql));

    [Fact]
    public void TrigramIndexes_EverySource_CoverItsTextAndFilter()
    {
        foreach (var source in SearchSources.All)
        {
            var index = Regex.Match(Sql, $"CREATE INDEX \"\\w+\" ON \"{source.Table}\" USING gin \\((?<expression>.*) gin_trgm_ops\\)(?<where>[^;]*);");
            Assert.True(index.Success, $"No trigram index on {source.Table}.");
            Assert.Equal(source.Text, Unwrap(index.Groups["expression"].Value));
            Assert.Equal(source.Filter is { } filter ? " WHERE " + filter : "", index.Groups["where"].Value);
        }
    }

    [Fact]
    public void TrigramIndexes_NoTableBeyondTheSources_IsIndexed()
    {
        var tables = Regex.Matches(Sql, "ON \"(\\w+)\" USING gin").Select(m => m.Groups[1].Value);

        Assert.Equal(SearchSources.All.Select(s => s.Table), tables);
    }

    private static string Unwrap(string expression) =>
        expression.StartsWith('(') && expression.EndsWith(')') ? expression[1..^1] : expression;
}
