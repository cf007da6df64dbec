using System.Globalization;
using Headway.Application.WorkList;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.NoteCoach;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Headway.Web.Features.WorkList;

/// <summary>
/// The caller's work list over the API, the same content as the home page, and the two actions its next actions take:
/// done and moved. Entitlements present the version they were read at in If-Match, as every entitlement change does.
/// </summary>
public static class WorkListApi
{
    /// <summary>The coach's top finding on a graded note, its message in the request's language.</summary>
    public sealed record FindingDto(string Code, string Severity, string Message);

    /// <summary>
    /// One thing to do. subject: entitlement, note or summary-request; id: its id (an entitlement's, a note's, a request's);
    /// date: the day the group is about (due date, target date, engagement start, or last change); text: the next action,
    /// the graded note or the requester's message; person: the next action's owner or the requester; version: the
    /// entitlement's version, for If-Match.
    /// </summary>
    public sealed record WorkItemDto(string Subject, long Id, long TenantId, string TenantName, string? Workload, string? L1, DateOnly? Date,
        string? Text, string? Person, int? Version, FindingDto? Finding);

    /// <summary>A group's total, its first items, and where its full list is (list: the API, page: the portal).</summary>
    public sealed record WorkGroupDto(string Group, int Total, string List, string Page, IReadOnlyList<WorkItemDto> Items);

    /// <summary>The work list: whose, for which day, the entitlements by L1 and every group in order.</summary>
    public sealed record WorkListDto(string Manager, DateOnly Today, int StaleDays, int Tenants, IReadOnlyDictionary<string, int> ByL1,
        IReadOnlyList<WorkGroupDto> Groups);

    /// <summary>The new due date of a next action (yyyy-MM-dd), today or later.</summary>
    public sealed record MoveBody(DateOnly? Date);

    /// <summary>A next action after the change: done, or its new date; an entitlement's new version (also the ETag).</summary>
    public sealed record NextActionDto(string Subject, long Id, long TenantId, string? Workload, DateOnly? NextActionDate, bool Done, int? Version);

    private static readonly string[] ActionSubjects = [WorkSubject.Entitlement.Slug(), WorkSubject.Note.Slug()];

    public static IEndpointRouteBuilder MapWorkListApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/worklist").WithTags("Work list");
        api.MapGet("/", WorkListAsync)
            .WithName("GetWorkList")
            .WithSummary("The caller's work list today (UTC): their entitlements by L1 and every group (" + string.Join(", ", WorkGroups.Slugs) +
                ") with its total and first items (items=N per group: default 5, 0 to 50).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RejectUnknownQuery();
        api.MapGet("/{group}", GroupAsync)
            .WithName("GetWorkListGroup")
            .WithSummary("One group of the caller's work list in full, in the list's order, paged. An unknown group is 404 UnknownWorkListGroup.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithChoices("group", WorkGroups.Slugs)
            .WithNextLinks()
            .RejectUnknownQuery();
        api.MapPost("/actions/{subject}/{id:long}/done", DoneAsync)
            .WithName("CompleteNextAction")
            .WithSummary("Marks the next action of an entitlement or an overall note done; it leaves the work list and the history keeps it. " +
                "An entitlement needs If-Match with the version read (428 without, 412 when stale); only the tenant's manager may (403), " +
                "and for a note its author too.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .AddOpenApiOperationTransformer((operation, _, _) => Action(operation));
        api.MapPost("/actions/{subject}/{id:long}/move", MoveAsync)
            .WithName("MoveNextAction")
            .WithSummary("Moves the next action of an entitlement or an overall note to another day, today or later. " +
                "An entitlement needs If-Match with the version read (428 without, 412 when stale); only the tenant's manager may (403), " +
                "and for a note its author too.")
            .Accepts<MoveBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .AddOpenApiOperationTransformer((operation, _, _) => Action(operation));
        return app;
    }

    /// <summary>An action's subject is one of two, and an entitlement's version travels in If-Match.</summary>
    private static Task Action(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Required = false,
            Description = "The entitlement's version as read (\"3\"); required for an entitlement, not used for a note.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return OpenApiChoices.Enumerate(operation, "subject", ActionSubjects);
    }

    private const int MaxItemsPerGroup = 50;

    private static async Task<Results<Ok<WorkListDto>, ProblemHttpResult>> WorkListAsync(
        int? items, GetWorkList.Handler handler, TimeProvider clock, Application.Caller caller, CancellationToken ct)
    {
        var perGroup = Math.Clamp(items ?? GetWorkList.DefaultItemsPerGroup, 0, MaxItemsPerGroup);
        var result = await handler.HandleAsync(new GetWorkList.Request(caller.UserName, GetWorkList.Today(clock), perGroup), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var w = result.Value;
        return TypedResults.Ok(new WorkListDto(w.Manager, w.Today, w.StaleDays, w.Tenants, w.ByL1,
            w.Groups.Select(g => new WorkGroupDto(g.Group.Slug(), g.Total, "/api/v1/worklist/" + g.Group.Slug(), "/worklist/" + g.Group.Slug(),
                g.Items.Select(Dto).ToArray())).ToArray()));
    }

    private static async Task<Results<Ok<PageDto<WorkItemDto>>, ProblemHttpResult>> GroupAsync(
        string group, int? page, int? pageSize, string? cursor, HttpContext http, GetWorkList.Handler handler, CancellationToken ct)
    {
        if (WorkGroups.Find(group) is not { } found)
        {
            return Problems.From(Refusal.ForField("group", RefusalCodes.UnknownWorkListGroup, group, string.Join(", ", WorkGroups.Slugs)));
        }

        var at = PageLinks.Read(cursor, page);
        var result = await handler.ListAsync(found, at.Page, pageSize, at.After, ct);
        return result.Succeeded ? TypedResults.Ok(PageLinks.Dto(http, result.Value, Dto)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<NextActionDto>, ProblemHttpResult>> DoneAsync(
        string subject, long id, HttpRequest request, CompleteNextAction.Handler handler, CancellationToken ct)
    {
        var (target, version, refusal) = Target(subject, request);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        return Answer(await handler.HandleAsync(new CompleteNextAction.Request(target, id, version), ct), request);
    }

    private static async Task<Results<Ok<NextActionDto>, ProblemHttpResult>> MoveAsync(
        string subject, long id, HttpRequest request, MoveNextAction.Handler handler, CancellationToken ct)
    {
        var (body, bodyRefusal) = await ApiBodies.ReadAsync<MoveBody>(request, ct);
        if (bodyRefusal is not null)
        {
            return Problems.From(bodyRefusal);
        }

        var (target, version, refusal) = Target(subject, request);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        return Answer(await handler.HandleAsync(new MoveNextAction.Request(target, id, body!.Date, version), ct), request);
    }

    /// <summary>The subject the path names, and for an entitlement the version in If-Match (a note carries none).</summary>
    private static (WorkSubject Subject, int? Version, Refusal? Refusal) Target(string subject, HttpRequest request)
    {
        if (WorkGroups.FindSubject(subject) is not { } found || !ActionSubjects.Contains(subject, StringComparer.Ordinal))
        {
            return (default, null, Refusal.ForField("subject", RefusalCodes.UnknownChoice, subject, string.Join(", ", ActionSubjects)));
        }

        if (found != WorkSubject.Entitlement)
        {
            return (found, null, null);
        }

        var (version, refusal) = EntityVersions.ParseIfMatch(request);
        return (found, version, refusal);
    }

    private static Results<Ok<NextActionDto>, ProblemHttpResult> Answer(Result<NextActionOutcome> result, HttpRequest request)
    {
        if (!result.Succeeded)
        {
            return EntityVersions.Refused(result.Refusal, request.HttpContext.Response);
        }

        var o = result.Value;
        if (o.Version is { } version)
        {
            request.HttpContext.Response.Headers.ETag = EntityVersions.ETag(version);
        }

        return TypedResults.Ok(new NextActionDto(o.Subject.Slug(), o.Id, o.TenantId, o.Workload, o.NextActionDate, o.Done, o.Version));
    }

    private static WorkItemDto Dto(GetWorkList.Item i)
    {
        var ui = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
        return new WorkItemDto(i.Subject.Slug(), i.Id, i.TenantId, i.TenantName, i.Workload, i.L1, i.Date, i.Text, i.Person, i.Version,
            i.Finding is { } f ? new FindingDto(f.Code, f.Severity.ToString(), Coach.Default.RenderMessage(f, ui)) : null);
    }
}
