using System.Globalization;
using System.Runtime.CompilerServices;
using Headway.Application.Audit;
using Headway.Application.Exports;
using Headway.Web.Features.Exports;
using Headway.Web.Features.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Audit;

public static class AuditApi
{
    /// <summary>
    /// One write: who, when, what record (<c>recordName</c>: a user's email, a partner's or tenant's name, where it has
    /// one) and the fields as stored (lists as JSON arrays).
    /// </summary>
    public sealed record AuditEntryDto(long Id, DateTimeOffset At, string Actor, string? Ip, string Action, string Entity,
        string EntityId, string? RecordName, long? TenantId, string? TenantName, IReadOnlyList<FieldChangeDto> Changes);

    /// <summary>The most entries one CSV export holds.</summary>
    public const int MaxExportEntries = 100_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", SearchAsync)
            .WithName("SearchAudit")
            .WithSummary("The audit trail of every write, newest first: filter by actor, tenant, entity and date (from/to, yyyy-MM-dd).")
            .WithTags("Audit")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithChoices("entity", AuditEntities)
            .WithNextLinks()
            .RejectUnknownQuery();
        app.MapGet("/api/v1/audit/export", ExportAsync)
            .WithName("ExportAudit")
            .WithSummary($"The entries the same filters find, as CSV (UTF-8): one line per changed field, with record types, field names and " +
                $"values in the request's language and names for ids, as the audit page shows them; at most {MaxExportEntries:N0} entries.")
            .WithTags("Audit")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>The kinds of rows the trail records, read from the data model.</summary>
    private static IEnumerable<string> AuditEntities(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return SearchAudit.Entities(scope.ServiceProvider.GetRequiredService<Application.Data.HeadwayDbContext>().Model);
    }

    private static async Task<Results<Ok<PageDto<AuditEntryDto>>, ProblemHttpResult>> SearchAsync(SearchAudit.Handler handler, string? actor, long? tenant,
        string? entity, DateOnly? from, DateOnly? to, int? page, int? pageSize, string? cursor, HttpContext http, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        var found = await handler.HandleAsync(new SearchAudit.Request(actor, tenant, entity, from, to, at.Page, pageSize, at.Mark), ct);
        if (!found.Succeeded)
        {
            return Problems.From(found.Refusal);
        }

        var (result, names) = (found.Value.Page, found.Value.Names);
        return TypedResults.Ok(PageLinks.Dto(http, result, a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Ip, a.Action, a.Entity, a.EntityId,
            names.OfRecord(a), a.TenantId, a.TenantId is { } t ? names.Tenants.GetValueOrDefault(t) : null,
            a.Changes.Select(c => new FieldChangeDto(c.Field, c.Before, c.After)).ToArray())));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, SearchAudit.Handler handler, AuditText text,
        Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, string? actor, long? tenant, string? entity, DateOnly? from, DateOnly? to,
        CancellationToken ct)
    {
        var request = new SearchAudit.Request(actor, tenant, entity, from, to, 1, Application.Paging.MaxPageSize);
        var first = await handler.HandleAsync(request, ct);
        if (!first.Succeeded)
        {
            return Problems.From(first.Refusal);
        }

        string[] columns = ["ColWhen", "AuditActor", "AuditIp", "AuditAction", "AuditEntity", "AuditRecord", "AuditTenant", "Field", "Before", "After"];
        var table = new ExportData.Table("audit", columns.Select(c => localizer[c].Value).ToList(), Rows(handler, text, request, first.Value, ct));
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd}.csv\"";
        await ExportApi.CsvAsync(table, http.Response.Body, ct);
        return Results.Empty;
    }

    /// <summary>One row per changed field (an entry without fields: one row), page after page of the search.</summary>
    private static async IAsyncEnumerable<object?[]> Rows(SearchAudit.Handler handler, AuditText text, SearchAudit.Request request,
        SearchAudit.Response first, [EnumeratorCancellation] CancellationToken ct)
    {
        var page = first;
        var written = 0;
        for (var number = 1; ; number++)
        {
            if (number > 1)
            {
                var next = await handler.HandleAsync(request with { Page = number }, ct);
                if (!next.Succeeded)
                {
                    yield break;
                }

                page = next.Value;
            }

            foreach (var a in page.Page.Items)
            {
                var record = page.Names.OfRecord(a) ?? a.EntityId;
                var tenant = a.TenantId is { } t ? page.Names.Tenants.GetValueOrDefault(t) ?? t.ToString(CultureInfo.InvariantCulture) : null;
                object?[] common = [a.At.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), a.Actor, a.Ip, text.Action(a.Action), text.Entity(a.Entity), record, tenant];
                if (a.Changes.Count == 0)
                {
                    yield return [.. common, null, null, null];
                }

                foreach (var c in a.Changes)
                {
                    yield return [.. common, text.Field(c.Field), text.Line(c.Field, c.Before, page.Names), text.Line(c.Field, c.After, page.Names)];
                }

                if (++written >= MaxExportEntries)
                {
                    yield break;
                }
            }

            if (number >= page.Page.PageCount)
            {
                yield break;
            }
        }
    }
}
