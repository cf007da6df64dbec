using System.Text.Json.Serialization;
using Headway.Application.Summaries;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Summaries;

/// <summary>Requests for executive summaries: a regional manager or leader asks a tenant's manager; everyone in scope reads them.</summary>
public static class SummaryRequestsApi
{
    /// <summary>
    /// A request for an executive summary: who asked whom (user names) and when, by when, what for, and where it
    /// stands (Open, Overdue: past its due date, Fulfilled: by the summary summaryId).
    /// </summary>
    public sealed record SummaryRequestDto(long Id, long TenantId, string TenantName, string Region, string RequestedBy, string RequestedOf,
        DateTimeOffset RequestedAt, DateOnly DueDate, string? Message,
        [property: JsonConverter(typeof(JsonStringEnumConverter<SummaryRequestState>))] SummaryRequestState State,
        DateTimeOffset? FulfilledAt, long? SummaryId);

    /// <summary>The day the summary is due (today or later, yyyy-MM-dd) and, optionally, what the requester wants to know.</summary>
    public sealed record SummaryRequestBody(DateOnly? DueDate, string? Message);

    public static IEndpointRouteBuilder MapSummaryRequestsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tenants/{id:long}/summary-requests", RequestAsync)
            .WithName("RequestSummary")
            .WithSummary("Asks the tenant's onboarding manager for an executive summary by dueDate (today or later), with an optional message; " +
                "the manager is notified. Regional managers and leadership only; refused for a tenant without a manager, a duplicate/invalid " +
                "tenant, and while the caller's earlier request of the same tenant is open.")
            .WithTags("Summaries")
            .Accepts<SummaryRequestBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/summary-requests", ListAsync)
            .WithName("ListSummaryRequests")
            .WithSummary("Summary requests in the caller's scope, open ones first (soonest due first), then fulfilled ones (newest first). " +
                "requestedByMe=true: only the caller's own; requestedOfMe=true: only those asked of the caller; state=open (open and overdue), " +
                "overdue (past the due date, not fulfilled) or fulfilled; tenantId: one tenant's.")
            .WithTags("Summaries")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithChoices("state", ListSummaryRequests.States)
            .WithNextLinks()
            .RejectUnknownQuery();
        app.MapGet("/api/v1/summary-requests/{id:long}", GetAsync)
            .WithName("GetSummaryRequest")
            .WithSummary("One summary request of a tenant in the caller's scope, with its state.")
            .WithTags("Summaries")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RejectUnknownQuery();
        return app;
    }

    public static SummaryRequestDto Dto(ListSummaryRequests.Row r) => new(r.Request.Id, r.Request.TenantId, r.TenantName, r.Request.Region,
        r.Request.RequestedBy, r.Request.RequestedOf, r.Request.RequestedAt, r.Request.DueDate, r.Request.Message, r.State,
        r.Request.FulfilledAt, r.Request.SummaryId);

    private static async Task<Results<Created<SummaryRequestDto>, ProblemHttpResult>> RequestAsync(
        long id, HttpRequest request, RequestSummary.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<SummaryRequestBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new RequestSummary.Request(id, body!.DueDate, body.Message), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/summary-requests/{result.Value.Request.Id}", Dto(result.Value))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<SummaryRequestDto>, ProblemHttpResult>> GetAsync(long id, ListSummaryRequests.Handler handler, CancellationToken ct)
    {
        var result = await handler.OneAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(Dto(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<PageDto<SummaryRequestDto>>, ProblemHttpResult>> ListAsync(bool? requestedByMe, bool? requestedOfMe,
        string? state, long? tenantId, int? page, int? pageSize, string? cursor, HttpContext http, ListSummaryRequests.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        var result = await handler.HandleAsync(new ListSummaryRequests.Request(requestedByMe ?? false, requestedOfMe ?? false, state, tenantId, at.Page, pageSize,
            at.Mark), ct);
        return result.Succeeded ? TypedResults.Ok(PageLinks.Dto(http, result.Value, Dto)) : Problems.From(result.Refusal);
    }
}
