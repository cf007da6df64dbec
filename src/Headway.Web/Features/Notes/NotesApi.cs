using System.Globalization;
using System.Text.Json;
using Headway.Domain.Taxonomy;
using Headway.NoteCoach;
using Headway.Web.Infrastructure;

namespace Headway.Web.Features.Notes;

public static class NotesApi
{
    /// <summary>The body of a lint request.</summary>
    public sealed record LintBody(string? Text, string? L1, string? L2, string? Lang, string? UiLang);

    public static IEndpointRouteBuilder MapNotesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/notes/lint", LintAsync)
            .WithName("LintNote")
            .WithSummary("Grades a status note (Good, Insufficient, Poor) with findings and a suggested status; the same object `headway lint` writes per line.")
            .WithTags("Notes")
            .Accepts<LintBody>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> LintAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<LintBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var ui = body!.UiLang ?? SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
        var lang = string.IsNullOrWhiteSpace(body.Lang) ? null : body.Lang;
        var result = Coach.Default.Analyze(new NoteInput(body.Text ?? "", body.L1, body.L2, lang));
        Application.Telemetry.HeadwayTelemetry.Graded(result.Grade.ToString(), "check");
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonLinesLinter.WriteResult(writer, null, result, ui);
        }

        return Results.Bytes(buffer.ToArray(), "application/json");
    }
}
