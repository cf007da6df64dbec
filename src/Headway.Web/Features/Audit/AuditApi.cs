using Headway.Application.Audit;
using Headway.Web.Features.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Audit;

public static class AuditApi
{
    public sealed record AuditEntryDto(long Id, DateTimeOffset At, string Actor, string? Ip, string Action, string Entity,
        string EntityId, long? TenantId, IReadOnlyList<FieldChangeDto> Changes);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", SearchAsync)
            .WithName("SearchAudit")
            .WithSummary("The audit trail of every write, newest first: filter by actor, tenant, entity and date (from/to, yyyy-MM-dd).")
            .WithTags("Audit");
        return app;
    }

    private static async Task<Results<Ok<PageDto<AuditEntryDto>>, ProblemHttpResult>> SearchAsync(SearchAudit.Handler handler, string? actor, long? tenant,
        string? entity, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct)
    {
        var found = await handler.HandleAsync(new SearchAudit.Request(actor, tenant, entity, from, to, page, pageSize), ct);
        if (!found.Succeeded)
        {
            return Infrastructure.Problems.From(found.Refusal);
        }

        var result = found.Value;
        return TypedResults.Ok(new PageDto<AuditEntryDto>(
            result.Items.Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Ip, a.Action, a.Entity, a.EntityId, a.TenantId,
                a.Changes.Select(c => new FieldChangeDto(c.Field, c.Before, c.After)).ToArray())).ToArray(),
            result.PageNumber, result.PageSize, result.Total));
    }
}
