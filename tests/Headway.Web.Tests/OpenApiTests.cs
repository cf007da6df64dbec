using System.Text.Encodings.Web;
using System.Text.Json;
using Headway.Testing;

namespace Headway.Web.Tests;

public class OpenApiTests(HeadwayServer server) : IClassFixture<HeadwayServer>
{
    /// <summary>
    /// The API contract is committed (docs/openapi/v1.json) so that its diff shows in review. Set
    /// HEADWAY_UPDATE_OPENAPI=1 to rewrite it after an intended change.
    /// </summary>
    [Fact]
    public async Task OpenApiDocument_Served_MatchesTheCommittedContract()
    {
        using var client = server.NewClient();
        var served = Normalize(await client.GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(RepositoryRoot.Find(), "docs", "openapi", "v1.json");

        if (Environment.GetEnvironmentVariable("HEADWAY_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with HEADWAY_UPDATE_OPENAPI=1");
        Assert.Equal(Normalize(await File.ReadAllTextAsync(path)), served);
        Assert.Contains("/api/v1/tenants/{id}/entitlements/{workload}", served, StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // The file is read in review: keep quotes, '+' and non-ASCII text as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Normalize(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(doc.RootElement, Indented).ReplaceLineEndings("\n") + "\n";
    }
}
