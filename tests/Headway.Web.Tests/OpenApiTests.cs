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

    /// <summary>
    /// What a client generator reads is whole: every parameter says what it means, no schema is "integer or string", and
    /// every operation has an id and a summary.
    /// </summary>
    [Fact]
    public async Task OpenApiDocument_DescribesEveryParameter_AndTypesNumbersAsNumbers()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "openapi", "v1.json")));
        var missing = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = operation.Name.ToUpperInvariant() + " " + path.Name;
                if (!operation.Value.TryGetProperty("operationId", out _) || !operation.Value.TryGetProperty("summary", out _))
                {
                    missing.Add(where + ": operationId or summary");
                }

                List<JsonElement> parameters = operation.Value.TryGetProperty("parameters", out var list) ? [.. list.EnumerateArray()] : [];
                foreach (var parameter in parameters)
                {
                    if (!parameter.TryGetProperty("description", out var text) || string.IsNullOrWhiteSpace(text.GetString()))
                    {
                        missing.Add(where + ": " + parameter.GetProperty("name").GetString());
                    }
                }
            }
        }

        Assert.Empty(missing);
        var numbersAsText = new List<string>();
        Walk(document.RootElement, "#", numbersAsText);
        Assert.Empty(numbersAsText);
    }

    private static void Walk(JsonElement element, string at, List<string> numbersAsText)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
                {
                    numbersAsText.Add(at);
                }
            }

            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, at + "/" + property.Name, numbersAsText);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, at + "/" + i++, numbersAsText);
            }
        }
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
