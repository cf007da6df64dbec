using System.Text.RegularExpressions;
using Headway.Application.Reports;

namespace Headway.Application.Tests;

/// <summary>The catalogue is the one list of reports: a report type left out of it would be offered nowhere.</summary>
public partial class ReportCatalogueTests
{
    [Fact]
    public void Catalogue_ListsEveryReportTypeOnce()
    {
        var types = typeof(Report).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Report)) && !t.IsAbstract).Select(t => t.FullName).Order();

        Assert.Equal(types, ReportCatalogue.All.Select(r => r.GetType().FullName).Order());
    }

    [Fact]
    public void Names_AreUniqueUrlSegments()
    {
        var names = ReportCatalogue.All.Select(r => r.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches(Slug(), n));
    }

    [Fact]
    public void Names_PublishedInLinksAndScripts_StayTheSameInTheSameOrder()
    {
        string[] published = ["status-matrix", "blockers", "no-intent", "hygiene", "hashtags", "note-quality"];

        Assert.Equal(published, ReportCatalogue.All.Select(r => r.Name).Where(published.Contains));
    }

    [Fact]
    public void Find_TakesTheExactName()
    {
        Assert.IsType<BlockersReport>(ReportCatalogue.Find("blockers"));
        Assert.Null(ReportCatalogue.Find("Blockers"));
        Assert.Null(ReportCatalogue.Find(null));
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
