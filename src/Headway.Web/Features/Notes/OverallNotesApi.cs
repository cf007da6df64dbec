using System.Globalization;
using Headway.Application.Notes;
using Headway.Domain.Taxonomy;
using Headway.NoteCoach;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Headway.Web.Features.Notes;

public static class OverallNotesApi
{
    public sealed record OverallNoteDto(long Id, long TenantId, string TenantName, string Type, string Text, string Author,
        string? AuthorRole, DateTimeOffset CreatedAt, string? NextAction, DateOnly? NextActionDate, string? NextActionOwner,
        IReadOnlyList<string> Hashtags, int Version, DateTimeOffset? EditedAt, string? EditedBy);

    public sealed record NoteBody(string? Type, string? Text, string? NextAction, DateOnly? NextActionDate, string? NextActionOwner);

    public sealed record AdviceDto(string Code, string Message);

    public sealed record AddedDto(OverallNoteDto Note, IReadOnlyList<AdviceDto> Advice);

    public sealed record NoteStateDto(string Type, string Text, string? NextAction, DateOnly? NextActionDate, string? NextActionOwner);

    public sealed record NoteRevisionDto(long Id, long NoteId, string Kind, string ChangedBy, DateTimeOffset ChangedAt, NoteStateDto Before, NoteStateDto? After);

    public static IEndpointRouteBuilder MapOverallNotesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tenants/{id:long}/notes", TimelineAsync)
            .WithName("GetTenantNotes")
            .WithSummary("The tenant's overall status notes, newest first, paged back to the first (page, pageSize); deleted notes are left out. Each carries its version for a change. asOf=yyyy-MM-dd keeps the notes written up to the end of that day, as the tenant page shows them for that day.")
            .WithTags("Notes")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithNextLinks()
            .RejectUnknownQuery();
        app.MapPost("/api/v1/tenants/{id:long}/notes", AddAsync)
            .WithName("AddTenantNote")
            .WithSummary("Adds an overall status note (type, text, next action, date, owner); hashtags are parsed. Advice such as #covid on a note about pausing comes back with it.")
            .WithTags("Notes")
            .Accepts<NoteBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/tenants/{id:long}/notes/revisions", RevisionsAsync)
            .WithName("GetTenantNoteRevisions")
            .WithSummary("What happened to the tenant's overall notes after they were written, newest first, paged: each edit, delete and next-action change with who, when, and the note before and after (no after for a delete).")
            .WithTags("Notes")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithNextLinks()
            .RejectUnknownQuery();
        app.MapGet("/api/v1/notes/{id:long}", GetAsync)
            .WithName("GetNote")
            .WithSummary("One overall note with its version (also its ETag, to send in If-Match when editing or deleting it); 404 when it is deleted or not in the caller's scope.")
            .WithTags("Notes")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RejectUnknownQuery();
        app.MapPut("/api/v1/notes/{id:long}", EditAsync)
            .WithName("EditNote")
            .WithSummary("Corrects an overall note: the same body as adding one, every field (a field left out is cleared). Only its author may, while their role may write that kind of note. " +
                "Send the version read in If-Match: 428 without it, 412 with the current version's ETag when the note changed since. The note as it was is kept in the tenant's history; hashtags are parsed again and the coach's advice comes back.")
            .WithTags("Notes")
            .Accepts<NoteBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .RequiresIfMatch();
        app.MapDelete("/api/v1/notes/{id:long}", DeleteAsync)
            .WithName("DeleteNote")
            .WithSummary("Deletes an overall note: it leaves the timeline, searches and reports; its text stays in the tenant's history and the audit trail. " +
                "Its author may, and administrators may delete any note in their scope. Send the version read in If-Match: 428 without it, 412 with the current version's ETag when the note changed since.")
            .WithTags("Notes")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .RequiresIfMatch();
        app.MapGet("/api/v1/notes", ByTagAsync)
            .WithName("GetNotesByTag")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Overall notes with a hashtag (tag=covid), across the tenants in the caller's scope, newest first.")
            .WithTags("Notes")
            .WithNextLinks()
            .RejectUnknownQuery();
        return app;
    }

    public static OverallNoteDto Dto(ListOverallNotes.Row r) => new(r.Note.Id, r.Note.TenantId, r.TenantName, r.Note.Type.ToString(),
        r.Note.Text, r.Note.Author, r.Note.AuthorRole, r.Note.CreatedAt, r.Note.NextAction, r.Note.NextActionDate, r.Note.NextActionOwner,
        r.Note.Hashtags?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [], r.Version, r.Note.EditedAt, r.Note.EditedBy);

    private static async Task<Results<Ok<PageDto<OverallNoteDto>>, ProblemHttpResult>> TimelineAsync(
        long id, int? page, int? pageSize, string? cursor, DateOnly? asOf, HttpContext http, ListOverallNotes.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        return Paged(http, await handler.HandleAsync(new ListOverallNotes.Request(id, null, at.Page, pageSize, at.Mark, asOf), ct));
    }

    private static async Task<Results<Ok<OverallNoteDto>, ProblemHttpResult>> GetAsync(long id, HttpResponse response, ListOverallNotes.Handler handler,
        CancellationToken ct)
    {
        var result = await handler.OneAsync(id, ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        response.Headers.ETag = EntityVersions.ETag(result.Value.Version);
        return TypedResults.Ok(Dto(result.Value));
    }

    private static async Task<Results<Ok<PageDto<OverallNoteDto>>, ProblemHttpResult>> ByTagAsync(
        string? tag, int? page, int? pageSize, string? cursor, HttpContext http, ListOverallNotes.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        return Paged(http, await handler.HandleAsync(new ListOverallNotes.Request(null, string.IsNullOrEmpty(tag) ? null : tag, at.Page, pageSize, at.Mark), ct));
    }

    private static Results<Ok<PageDto<OverallNoteDto>>, ProblemHttpResult> Paged(HttpContext http, Domain.Results.Result<Application.Page<ListOverallNotes.Row>> result) =>
        result.Succeeded ? TypedResults.Ok(PageLinks.Dto(http, result.Value, Dto)) : Problems.From(result.Refusal);

    private static async Task<Results<Created<AddedDto>, ProblemHttpResult>> AddAsync(
        long id, HttpRequest request, HttpResponse response, AddOverallNote.Handler handler, CancellationToken ct)
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

        var note = result.Value.Note;
        response.Headers.ETag = EntityVersions.ETag(0);
        return TypedResults.Created($"/api/v1/notes/{note.Id}", new AddedDto(Dto(new ListOverallNotes.Row(note, "", 0)), Advice(result.Value.Advice)));
    }

    private static async Task<Results<Ok<AddedDto>, ProblemHttpResult>> EditAsync(long id, [FromHeader(Name = "If-Match")] string? ifMatch,
        HttpRequest request, HttpResponse response, EditOverallNote.Handler handler, CancellationToken ct)
    {
        var (body, bodyRefusal) = await ApiBodies.ReadAsync<NoteBody>(request, ct);
        if (bodyRefusal is not null)
        {
            return Problems.From(bodyRefusal);
        }

        var (version, versionRefusal) = EntityVersions.ParseIfMatch(ifMatch);
        if (versionRefusal is not null)
        {
            return Problems.From(versionRefusal);
        }

        var result = await handler.HandleAsync(new EditOverallNote.Request(id, version!.Value, body!.Type ?? "", body.Text ?? "", body.NextAction,
            body.NextActionDate, body.NextActionOwner), ct);
        if (!result.Succeeded)
        {
            return EntityVersions.Refused(result.Refusal, response);
        }

        var edited = result.Value;
        response.Headers.ETag = EntityVersions.ETag(edited.Version);
        return TypedResults.Ok(new AddedDto(Dto(new ListOverallNotes.Row(edited.Note, edited.TenantName, edited.Version)), Advice(edited.Advice)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, [FromHeader(Name = "If-Match")] string? ifMatch,
        DeleteOverallNote.Handler handler, HttpResponse response, CancellationToken ct)
    {
        var (version, versionRefusal) = EntityVersions.ParseIfMatch(ifMatch);
        if (versionRefusal is not null)
        {
            return Problems.From(versionRefusal);
        }

        var result = await handler.HandleAsync(new DeleteOverallNote.Request(id, version!.Value), ct);
        return result.Succeeded ? TypedResults.NoContent() : EntityVersions.Refused(result.Refusal, response);
    }

    private static async Task<Results<Ok<PageDto<NoteRevisionDto>>, ProblemHttpResult>> RevisionsAsync(
        long id, int? page, int? pageSize, string? cursor, HttpContext http, ListNoteRevisions.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        var result = await handler.HandleAsync(new ListNoteRevisions.Request(id, at.Page, pageSize, at.Mark), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        static NoteStateDto State(ListNoteRevisions.NoteState s) => new(s.Type.ToString(), s.Text, s.NextAction, s.NextActionDate, s.NextActionOwner);
        return TypedResults.Ok(PageLinks.Dto(http, result.Value, r => new NoteRevisionDto(r.Revision.Id, r.Revision.NoteId, r.Revision.Kind.ToString(),
            r.Revision.ChangedBy, r.Revision.ChangedAt, State(r.Before), r.After is null ? null : State(r.After))));
    }

    private static AdviceDto[] Advice(IEnumerable<Finding> findings)
    {
        var ui = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
        return findings.Select(f => new AdviceDto(f.Code, Coach.Default.RenderMessage(f, ui))).ToArray();
    }
}
