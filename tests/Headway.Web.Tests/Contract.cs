using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Headway.Web.Tests;

/// <summary>
/// The committed OpenAPI document (docs/openapi/v1.json) as the tests hold answers against it: every status an API
/// operation answers must be one the document declares for it.
/// </summary>
internal static class Contract
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "openapi", "v1.json"))));

    /// <summary>
    /// Why an answer is not in the contract: the operation is not described, or the status is not among its responses;
    /// null when it is, or when the path is no API path. A parameter of the document's path matches any segment at its
    /// place, a value or a parameter named otherwise ({id:long}, {workload}).
    /// </summary>
    /// <param name="method">The request's method.</param>
    /// <param name="path">The path called, or an endpoint's route.</param>
    /// <param name="status">The answer's status.</param>
    /// <param name="mustBeDescribed">
    /// true: a path and method the document lacks is a failure (an endpoint's route). false: it is a call no operation
    /// took (routing's 404 or 405 for a path a fuzzed value changed), which is not checked.
    /// </param>
    public static string? Undeclared(string method, string path, int status, bool mustBeDescribed = true)
    {
        path = path.Split('?')[0].TrimEnd('/');
        // Kestrel answers a request line or headers too long before any endpoint sees the request.
        if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) || status is StatusCodes.Status414UriTooLong or StatusCodes.Status431RequestHeaderFieldsTooLarge)
        {
            return null;
        }

        // The most literal path that matches: /api/v1/tenants/assignments before /api/v1/tenants/{id}.
        var segments = path.Split('/');
        var item = Document.Value.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => Matches(p.Name.Split('/'), segments)).OrderBy(p => p.Name.Count(c => c == '{')).FirstOrDefault().Value;
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
        {
            return mustBeDescribed ? $"{method} {path} is not in docs/openapi/v1.json" : null;
        }

        return operation.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out _)
            ? null
            : $"answered {status}, which docs/openapi/v1.json does not declare for {operation.GetProperty("operationId").GetString()}";
    }

    private static bool Matches(string[] documented, string[] called) =>
        documented.Length == called.Length && documented.Zip(called).All(s => s.First == s.Second || IsParameter(s.First));

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}
