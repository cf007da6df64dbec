using Headway.Application.Changes;
using Headway.Application.Webhooks;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Webhooks;

/// <summary>Webhooks: URLs subscribed to the change feed's events, and what became of each delivery.</summary>
public static class WebhooksApi
{
    /// <summary>A new subscription: the receiver's URL and the change types it wants (none: every type).</summary>
    public sealed record WebhookBody(string? Url, IReadOnlyList<string>? Types);

    /// <summary>A subscription, with how many of its deliveries wait, arrived and were given up.</summary>
    public sealed record WebhookDto(long Id, string Url, IReadOnlyList<string> Types, string CreatedBy, DateTimeOffset CreatedAt, int Pending, int Delivered,
        int Failed);

    /// <summary>A new subscription and its signing secret, shown this once.</summary>
    public sealed record CreatedWebhookDto(long Id, string Url, IReadOnlyList<string> Types, string CreatedBy, DateTimeOffset CreatedAt, string Secret);

    /// <summary>One event for a subscription: its state, attempts, and the receiver's last answer (status and first characters).</summary>
    public sealed record DeliveryDto(long Id, string EventId, string EventType, string State, int Attempts, DateTimeOffset CreatedAt,
        DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastResponse, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks");
        api.MapPost("/", CreateAsync)
            .WithName("CreateWebhook")
            .WithSummary("Subscribes a URL to change events in the caller's scope (administrators, and service accounts with the read scope), from now on. " +
                "Each event of the change feed (GET /api/v1/changes) is posted as JSON with the headers Headway-Event-Id, Headway-Event-Type, " +
                "Headway-Delivery and Headway-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with the secret). A 2xx answer " +
                "is a delivery; anything else is tried again with exponential backoff for at least 24 hours. The secret is in this answer only.")
            .Accepts<WebhookBody>("application/json")
            .Produces<CreatedWebhookDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("The subscriptions in the caller's scope, newest first, with their deliveries counted by state.")
            .Produces<IReadOnlyList<WebhookDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RejectUnknownQuery();
        api.MapGet("/{id:long}", GetAsync)
            .WithName("GetWebhook")
            .WithSummary("One subscription with its deliveries counted by state (not its secret).")
            .Produces<WebhookDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RejectUnknownQuery();
        api.MapDelete("/{id:long}", RemoveAsync)
            .WithName("RemoveWebhook")
            .WithSummary("Stops a subscription: no more events are queued for it (those already queued are still tried).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:long}/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary("A subscription's deliveries, newest first, paged: each event's state (Pending, Delivered, Failed), attempts, and the receiver's last answer.")
            .Produces<PageDto<DeliveryDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithNextLinks()
            .RejectUnknownQuery();
        return app;
    }

    private static async Task<Results<Created<CreatedWebhookDto>, ProblemHttpResult>> CreateAsync(WebhookBody body, WebhookSubscriptions webhooks,
        CancellationToken ct)
    {
        var result = await webhooks.CreateAsync(body.Url, body.Types, ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var w = result.Value.Webhook;
        return TypedResults.Created($"/api/v1/webhooks/{w.Id}",
            new CreatedWebhookDto(w.Id, w.Url, w.Types.Count == 0 ? ReadChanges.Types : w.Types, w.CreatedBy, w.CreatedAt, result.Value.Secret));
    }

    private static async Task<Results<Ok<WebhookDto[]>, ProblemHttpResult>> ListAsync(WebhookSubscriptions webhooks, CancellationToken ct)
    {
        var result = await webhooks.ListAsync(ct);
        return result.Succeeded ? TypedResults.Ok(result.Value.Select(Dto).ToArray()) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<WebhookDto>, ProblemHttpResult>> GetAsync(long id, WebhookSubscriptions webhooks, CancellationToken ct)
    {
        var result = await webhooks.OneAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(Dto(result.Value)) : Problems.From(result.Refusal);
    }

    private static WebhookDto Dto(WebhookSubscriptions.Row r) => new(r.Webhook.Id, r.Webhook.Url, r.Webhook.Types.Count == 0 ? ReadChanges.Types : r.Webhook.Types,
        r.Webhook.CreatedBy, r.Webhook.CreatedAt, r.Pending, r.Delivered, r.Failed);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long id, WebhookSubscriptions webhooks, CancellationToken ct)
    {
        var result = await webhooks.RemoveAsync(id, ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<PageDto<DeliveryDto>>, ProblemHttpResult>> DeliveriesAsync(long id, int? page, int? pageSize, string? cursor,
        HttpContext http, WebhookSubscriptions webhooks, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        var result = await webhooks.DeliveriesAsync(id, at.Page, pageSize, at.Mark, ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var p = result.Value;
        return TypedResults.Ok(PageLinks.Dto(http, p, d => new DeliveryDto(d.Id, d.EventId, d.EventType, d.State.ToString(), d.Attempts,
            d.CreatedAt, d.LastAttemptAt, d.LastStatus, d.LastResponse, d.State == DeliveryState.Pending ? d.NextAttemptAt : null, d.DeliveredAt)));
    }
}
