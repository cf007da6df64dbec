using System.Globalization;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Headway.Web.Infrastructure;

/// <summary>
/// The version of a record on the wire: sent as the ETag, presented back in If-Match so a change made on a
/// stale read is refused instead of overwriting someone else's.
/// </summary>
public static class EntityVersions
{
    /// <summary>The version in If-Match: <c>"3"</c>, <c>W/"3"</c> or <c>3</c>.</summary>
    public static (int? Version, Refusal? Refusal) ParseIfMatch(HttpRequest request) => ParseIfMatch(request.Headers.IfMatch.ToString());

    /// <summary>The version in an If-Match value, for endpoints that take the header as a parameter (and so describe it).</summary>
    public static (int? Version, Refusal? Refusal) ParseIfMatch(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, Refusal.Of(RefusalCodes.VersionRequired));
        }

        var value = raw.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Refusal.ForField("If-Match", RefusalCodes.MalformedRequest, "If-Match"));
    }

    /// <summary>
    /// Describes an endpoint's <c>If-Match</c> parameter as what it is: required (a change without it is answered 428, with
    /// a problem that says why, rather than refused by the binder) and holding the version read.
    /// </summary>
    public static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Parameters?.FirstOrDefault(p => p.Name == "If-Match") is Microsoft.OpenApi.OpenApiParameter ifMatch)
            {
                ifMatch.Required = true;
                ifMatch.Description = "The version read (the ETag of the resource, e.g. \"3\"): 428 without it, 412 with the current version's ETag when the resource changed since.";
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// The answer to a refused change that presented a version in <c>If-Match</c>: a version that is no longer current
    /// is 412 Precondition Failed, with the current version as the answer's ETag and as <c>currentVersion</c>, so a
    /// client can read the resource again and decide; any other refusal is answered as usual.
    /// </summary>
    public static ProblemHttpResult Refused(Refusal refusal, HttpResponse response)
    {
        if (refusal.Code is not (RefusalCodes.VersionMismatch or RefusalCodes.NoteVersionMismatch)
            || refusal.Args.Count < 2 || !int.TryParse(refusal.Args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var current))
        {
            return Problems.From(refusal);
        }

        response.Headers.ETag = ETag(current);
        return Problems.From(refusal, StatusCodes.Status412PreconditionFailed, new Dictionary<string, object?> { ["currentVersion"] = current });
    }

    /// <summary>The ETag header value of a version: <c>"3"</c>.</summary>
    public static string ETag(int version) => new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();
}
