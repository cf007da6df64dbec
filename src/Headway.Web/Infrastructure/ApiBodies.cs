using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Headway.Domain.Results;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Reads the JSON body of an API request, the one way every endpoint does it: only <c>application/json</c>
/// (or a <c>+json</c> type) is read, anything else is 415; malformed JSON, a body too large and a text
/// holding a control or direction-override character each become a refusal naming where it went wrong.
/// </summary>
public static class ApiBodies
{
    public const string Json = "application/json";

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // A number is a JSON number: "300" for seats is refused, as the OpenAPI document says, rather than guessed at.
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(), new CheckedTextConverter() },
    };

    /// <summary>Reads and converts the body; a refusal when it is not JSON, not well-formed or not allowed text.</summary>
    public static async Task<(T? Body, Refusal? Refusal)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, UnsupportedMediaType(request, Json));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return body is null ? (null, Refusal.Of(RefusalCodes.MalformedRequest, "null")) : (body, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return (null, Refusal.Of(RefusalCodes.RequestTooLarge, (limit ?? 0).ToString(CultureInfo.InvariantCulture)));
        }
        catch (JsonException ex)
        {
            return (null, Refused(ex));
        }
    }

    /// <summary>Converts a part of a body already read (a JSON document kept to see which properties were sent).</summary>
    public static (T? Body, Refusal? Refusal) Convert<T>(JsonElement element) where T : class
    {
        try
        {
            var body = element.Deserialize<T>(Options);
            return body is null ? (null, Refusal.Of(RefusalCodes.MalformedRequest, "null")) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Refused(ex));
        }
    }

    /// <summary>The refusal for a request sent as the wrong media type (or as none).</summary>
    public static Refusal UnsupportedMediaType(HttpRequest request, string expected) =>
        Refusal.Of(RefusalCodes.UnsupportedMediaType, expected, request.ContentType ?? "");

    private static Refusal Refused(JsonException ex)
    {
        var where = ex.Path is { Length: > 1 } path ? path : "$";
        if (ex is ForbiddenTextException forbidden)
        {
            return TextRules.Forbidden(where.TrimStart('$', '.'), forbidden.Character, forbidden.Index);
        }

        var position = ex.LineNumber is { } line ? $" ({line + 1}:{ex.BytePositionInLine + 1})" : "";
        return Refusal.Of(RefusalCodes.MalformedRequest, where + position);
    }

    /// <summary>Every string read from a body passes <see cref="TextRules"/>; the serializer adds the property's path.</summary>
    private sealed class CheckedTextConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            var at = text is null ? -1 : TextRules.IndexOfForbidden(text);
            return at < 0 ? text : throw new ForbiddenTextException(text![at], at);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class ForbiddenTextException(char character, int index) : JsonException("The text holds a character that is not allowed.")
    {
        public char Character { get; } = character;

        public int Index { get; } = index;
    }
}
