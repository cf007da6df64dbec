using System.Text.Json.Serialization;
using Headway.Application.Notifications;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Notifications;

/// <summary>The caller's own notifications: read them, mark one or all read. Nobody reaches another user's.</summary>
public static class NotificationsApi
{
    /// <summary>
    /// One notification: what happened (kind, actor, tenant, workload, detail as stored), the sentence in the reader's
    /// language, where it leads in the portal, and whether it was read.
    /// </summary>
    public sealed record NotificationDto(long Id,
        [property: JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))] NotificationKind Kind, string Text, string? Detail, string Actor, long? TenantId, string? TenantName,
        long? EntitlementId, string? Workload, string Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

    /// <summary>A page of notifications and how many of the caller's are unread in all.</summary>
    public sealed record NotificationPageDto(IReadOnlyList<NotificationDto> Items, int Page, int PageSize, int Total, int Unread, string? Next);

    /// <summary>How many unread notifications were marked read.</summary>
    public sealed record MarkedDto(int Marked);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        api.MapGet("/", ListAsync)
            .WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first, paged, with the number unread; unread=true lists only the unread ones. " +
                "Kinds: SummaryRequested, NextActionAssigned, TenantReassigned, EditConflicted; text is in the request's language.")
            .WithNextLinks()
            .RejectUnknownQuery();
        api.MapPost("/{id:long}/read", ReadAsync)
            .WithName("MarkNotificationRead")
            .WithSummary("Marks one of the caller's notifications read (one read before keeps its time). Another user's is not found.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/read-all", ReadAllAsync)
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Marks every unread notification of the caller read and answers how many.");
        return app;
    }

    private static async Task<Results<Ok<NotificationPageDto>, ProblemHttpResult>> ListAsync(
        bool? unread, int? page, int? pageSize, string? cursor, HttpContext http, ListNotifications.Handler handler, NotificationText text, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        var result = await handler.HandleAsync(new ListNotifications.Request(unread ?? false, at.Page, pageSize, at.Mark), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var p = result.Value.Page;
        return TypedResults.Ok(new NotificationPageDto(p.Items.Select(r => Dto(r, text.Render(r))).ToArray(), p.PageNumber, p.PageSize, p.Total, result.Value.Unread,
            PageLinks.Next(http, p.Next)));
    }

    private static NotificationDto Dto(ListNotifications.Row r, NotificationText.Shown shown) => new(r.Notification.Id, r.Notification.Kind,
        shown.Text, r.Notification.Detail, r.Notification.Actor, r.Notification.TenantId, r.TenantName, r.Notification.EntitlementId, r.Workload,
        shown.Link, r.Notification.CreatedAt, r.Notification.ReadAt);

    private static async Task<Results<NoContent, ProblemHttpResult>> ReadAsync(long id, MarkNotificationsRead.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new MarkNotificationsRead.Request(id), ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<MarkedDto>, ProblemHttpResult>> ReadAllAsync(MarkNotificationsRead.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new MarkNotificationsRead.Request(null), ct);
        return result.Succeeded ? TypedResults.Ok(new MarkedDto(result.Value)) : Problems.From(result.Refusal);
    }
}
