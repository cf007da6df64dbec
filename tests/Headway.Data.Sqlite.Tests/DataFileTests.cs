using Headway.Application.Data;

namespace Headway.Data.Sqlite.Tests;

public class DataFileTests
{
    [Fact]
    public void ResolveDataFile_InsideASourceCheckout_IsTakenFromTheCheckoutRoot()
    {
        var root = Directory.CreateTempSubdirectory("headway-checkout-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "Headway.slnx"), "<Solution />");
            var project = Directory.CreateDirectory(Path.Combine(root, "src", "Headway.Web")).FullName;

            Assert.Equal(Path.Combine(root, "data", "headway.db"), HeadwayDatabase.ResolveDataFile("data/headway.db", project));
            Assert.Equal(Path.Combine(root, "data", "headway.db"), HeadwayDatabase.ResolveDataFile("data/headway.db", root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ResolveDataFile_OutsideACheckoutOrAbsolute_IsTakenAsGiven()
    {
        var folder = Directory.CreateTempSubdirectory("headway-install-").FullName;
        try
        {
            Assert.Equal(Path.Combine(folder, "data", "headway.db"), HeadwayDatabase.ResolveDataFile("data/headway.db", folder));
            Assert.Equal("/var/lib/headway/h.db", HeadwayDatabase.ResolveDataFile("/var/lib/headway/h.db", folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
