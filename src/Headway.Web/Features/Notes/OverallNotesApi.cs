using System.Globalization;
using Headway.Application.Notes;
using Headway.Domain.Taxonomy;
using Headway.NoteCoach;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Notes;

public static class OverallNotesApi
{
    public sealed record OverallNoteDto(long Id, long TenantId, string TenantName, string Type, string Text, string Author,
        string? AuthorRole, DateTimeOffset CreatedAt, string? NextAction, DateOnly? NextActionDate, string? NextActionOwner,
        IReadOnlyList<string> Hashtags);

    public sealed record NoteBody(string? Type, string? Text, string? NextAction, DateOnly? NextActionDate, string? NextActionOwner);

    public sealed record AdviceDto(string Code, string Message);

    public sealed record AddedDto(OverallNoteDto Note, IReadOnlyList<AdviceDto> Advice);

    public static IEndpointRouteBuilder MapOverallNotesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tenants/{id:long}/notes", TimelineAsync)
            .WithName("GetTenantNotes")
            .WithSummary("The tenant's overall status notes, newest first.")
            .WithTags("Notes");
        app.MapPost("/api/v1/tenants/{id:long}/notes", AddAsync)
            .WithName("AddTenantNote")
            .WithSummary("Adds an overall status note (type, text, next action, date, owner); hashtags are parsed. Advice such as #covid on a note about pausing comes back with it.")
            .WithTags("Notes")
            .Accepts<NoteBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/notes", ByTagAsync)
            .WithName("GetNotesByTag")
            .WithSummary("Overall notes with a hashtag (tag=covid), across the tenants in the caller's scope, newest first.")
            .WithTags("Notes");
        return app;
    }

    public static OverallNoteDto Dto(ListOverallNotes.Row r) => new(r.Note.Id, r.Note.TenantId, r.TenantName, r.Note.Type.ToString(),
        r.Note.Text, r.Note.Author, r.Note.AuthorRole, r.Note.CreatedAt, r.Note.NextAction, r.Note.NextActionDate, r.Note.NextActionOwner,
        r.Note.Hashtags?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []);

    private static async Task<Results<Ok<PageDto<OverallNoteDto>>, ProblemHttpResult>> TimelineAsync(
        long id, int? page, int? pageSize, ListOverallNotes.Handler handler, CancellationToken ct) =>
        Paged(await handler.HandleAsync(new ListOverallNotes.Request(id, null, page, pageSize), ct));

    private static async Task<Results<Ok<PageDto<OverallNoteDto>>, ProblemHttpResult>> ByTagAsync(
        string? tag, int? page, int? pageSize, ListOverallNotes.Handler handler, CancellationToken ct) =>
        Paged(await handler.HandleAsync(new ListOverallNotes.Request(null, tag ?? "", page, pageSize), ct));

    private static Results<Ok<PageDto<OverallNoteDto>>, ProblemHttpResult> Paged(Domain.Results.Result<Application.Page<ListOverallNotes.Row>> result) =>
        result.Succeeded
            ? TypedResults.Ok(new PageDto<OverallNoteDto>(result.Value.Items.Select(Dto).ToArray(), result.Value.PageNumber, result.Value.PageSize, result.Value.Total))
            : Problems.From(result.Refusal);

    private static async Task<Results<Created<AddedDto>, ProblemHttpResult>> AddAsync(
        long id, HttpRequest request, AddOverallNote.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<NoteBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new AddOverallNote.Request(id, body!.Type ?? "", body.Text ?? "", body.NextAction, body.NextActionDate, body.NextActionOwner), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var ui = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
        var note = result.Value.Note;
        return TypedResults.Created($"/api/v1/tenants/{id}/notes", new AddedDto(Dto(new ListOverallNotes.Row(note, "")) with { TenantName = "" },
            result.Value.Advice.Select(f => new AdviceDto(f.Code, Coach.Default.RenderMessage(f, ui))).ToArray()));
    }
}
