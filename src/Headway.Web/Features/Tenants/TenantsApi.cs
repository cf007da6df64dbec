using System.Text.Json;
using Headway.Application.Tenants;
using Headway.Web.Features.Entitlements;
using Headway.Web.Features.Exports;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Tenants;

public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants").WithTags("Tenants");

        api.MapGet("/", ListTenants)
            .WithName("ListTenants")
            .WithSummary("Tenants in the caller's scope, filtered, sorted and paged on the server: the tenant list of the portal, with the same parameters. " +
                "Several values of one filter are alternatives; different filters all apply; the entitlement filters (l1, l2, workload, grade, hygiene) " +
                "are met by one entitlement of the tenant. An unknown parameter or value is a 400 problem that names it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                TenantListParameters.Describe(operation, TenantListParameters.Paging());
                return Task.CompletedTask;
            })
            .WithNextLinks();
        api.MapGet("/export", ExportTenants)
            .WithName("ExportTenantList")
            .WithSummary("Every tenant of the list with the same filters and sort, all pages, as format=csv (default) or xlsx: the columns the list shows, " +
                "the status mix as one column per L1.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                TenantListParameters.Describe(operation, TenantListParameters.Query("format", TableDownload.FormatSchema(), "csv (default) or xlsx."));
                TableDownload.DescribeFile(operation);
                return Task.CompletedTask;
            });
        api.MapPost("/", RegisterTenant)
            .WithName("RegisterTenant")
            .WithSummary("Registers a tenant with its details, partner, onboarding manager and workloads, under the import's rules (gateway managers and " +
                "administrators). Each entitlement starts as StatusUnknown / NewSubscriptionOrWorkload; the manager is notified. 201 with the tenant and " +
                "its Location; 400 TenantExists when the partner already has a tenant of that name (ignoring case).")
            .Accepts<TenantRegistrationBody>("application/json")
            .Produces<TenantDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        // The entitlement feed names tenants by the source system's id, under a path of its own (a tenant's own paths take its number).
        var feed = app.MapGroup("/api/v1/external-tenants").WithTags("Tenants");
        feed.MapPut("/{externalId}", PutTenant)
            .WithName("PutTenantByExternalId")
            .WithSummary("The entitlement feed of a licensing system: puts a tenant by the id the source system knows it by, so pushing it again " +
                "never makes a second one. Unknown id: registers the tenant like POST /api/v1/tenants (name and country required; each entitlement " +
                "StatusUnknown / NewSubscriptionOrWorkload), 201 with its Location. Known id: the details sent change (a field left out keeps its " +
                "value), workloads it lacks are added and the entitlements it has are left as they are, 200. partnerId and manager apply to a " +
                "registration only; the id is unique within the partner. The body's externalId is ignored: the path names the tenant.")
            .Accepts<TenantRegistrationBody>("application/json")
            .Produces<TenantDto>()
            .Produces<TenantDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        feed.MapPut("/{externalId}/entitlements/{workload}", PutEntitlementByExternalId)
            .WithName("PutEntitlementByExternalId")
            .WithSummary("Puts one entitlement of the tenant the source system's id names: 201 with its Location when it is new (StatusUnknown / " +
                "NewSubscriptionOrWorkload), 200 and left as it is when the tenant has it. No body. 404 when no tenant in the caller's scope has the id; " +
                "partnerId names the partner for a programme-wide caller.")
            .Produces<EntitlementDto>()
            .Produces<EntitlementDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:long}", GetTenant)
            .WithName("GetTenant")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One tenant with its entitlements; each entitlement carries the version an update must present. asOf=yyyy-MM-dd shows the statuses as they stood at the end of that day.")
            .RejectUnknownQuery();
        // A tenant's entitlements are read and changed under its path, by the entitlements feature.
        api.MapEntitlementEndpoints();
        api.MapPatch("/{id:long}", EditTenant)
            .WithName("ChangeTenant")
            .WithSummary("Corrects a tenant's details (gateway managers and administrators): only the fields sent change; brandName or industry " +
                "sent as null or an empty string is cleared. The entitlements' copies of seats, region, country and priority move with them. " +
                "The manager is changed by an assignment (POST /api/v1/tenants/assignments); the partner does not change.")
            .Accepts<TenantChangeBody>("application/json")
            .Produces<TenantDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:long}/entitlements", AddEntitlements)
            .WithName("AddEntitlements")
            .WithSummary("Adds entitlements to workloads the tenant does not have yet, all or none (gateway managers and administrators); each starts " +
                "as StatusUnknown / NewSubscriptionOrWorkload. 201 with the tenant's entitlements; the Location is the new entitlement's, or the " +
                "tenant's when several were added.")
            .Accepts<EntitlementsBody>("application/json")
            .Produces<IReadOnlyList<EntitlementDto>>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:long}/detail-history", GetDetailChanges)
            .WithName("GetTenantDetailHistory")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every change of the tenant's own details (registration, corrections, assignments, duplicate flag), newest first, " +
                "with each field before and after and who made it.")
            .WithNextLinks()
            .RejectUnknownQuery();
        api.MapGet("/{id:long}/history", GetHistory)
            .WithName("GetTenantHistory")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every change of the tenant's entitlements, newest first, with each field before and after; workload, changedBy (an email) and " +
                "from/to (yyyy-MM-dd, inclusive) narrow it, as the history page's filters do.")
            .WithNextLinks()
            .RejectUnknownQuery();
        api.MapPost("/{id:long}/duplicate", MarkDuplicate)
            .WithName("MarkTenantDuplicate")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Flags the tenant duplicate/invalid: all its entitlements move to DuplicateInvalid.")
            .Accepts<DuplicateBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:long}/duplicate", ClearDuplicate)
            .WithName("ClearTenantDuplicate")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Clears the duplicate/invalid flag; every entitlement gets back the status it had.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Saved views are the tenant list's, so this feature maps them too.
        app.MapSavedViewsApi();
        return app;
    }

    private static async Task<Results<Ok<TenantListDto>, ProblemHttpResult>> ListTenants(HttpRequest request, ListTenants.Handler handler, CancellationToken ct)
    {
        var filter = TenantListParameters.Filter(request.Query, "page", "pageSize", PageLinks.Parameter);
        var page = TenantListParameters.Number(request.Query, "page", 1);
        var size = TenantListParameters.Number(request.Query, "pageSize", Application.Paging.DefaultPageSize);
        if ((filter.Refusal ?? page.Refusal ?? size.Refusal) is { } refusal)
        {
            return Problems.From(refusal);
        }

        var at = PageLinks.Read(request.Query[PageLinks.Parameter].FirstOrDefault(), page.Value);
        var found = await handler.HandleAsync(new ListTenants.Request(filter.Value, at.Page, size.Value, at.Mark), ct);
        if (!found.Succeeded)
        {
            return Problems.From(found.Refusal);
        }

        var rows = found.Value.Rows;
        return TypedResults.Ok(new TenantListDto(rows.Items.Select(TenantSummaryDto.From).ToArray(), rows.PageNumber, rows.PageSize, rows.Total,
            found.Value.TotalIsAtLeast, PageLinks.Next(request.HttpContext, rows.Next)));
    }

    private static async Task<IResult> ExportTenants(HttpContext http, Application.Exports.ExportData.Handler handler, TimeProvider clock, CancellationToken ct)
    {
        var filter = TenantListParameters.Filter(http.Request.Query, "format");
        if (!filter.Succeeded)
        {
            return Problems.From(filter.Refusal);
        }

        return await TableDownload.WriteAsync(http, () => handler.OpenTenantList(filter.Value), http.Request.Query["format"].ToString(), clock, ct);
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> GetTenant(long id, DateOnly? asOf, GetTenant.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetTenant.Request(id, asOf), ct);
        return result.Succeeded
            ? TypedResults.Ok(TenantDto.From(result.Value.Tenant, result.Value.Entitlements))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<TenantDto>, ProblemHttpResult>> RegisterTenant(HttpRequest request, RegisterTenant.Handler handler,
        GetTenant.Handler getTenant, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<TenantRegistrationBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new RegisterTenant.Request(body!.Details(), body.PartnerId, body.Manager, body.Workloads ?? [])
        {
            ExternalId = body.ExternalId,
        }, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/tenants/{result.Value.Id}", await TenantOf(getTenant, result.Value.Id, ct))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<TenantDto>, Ok<TenantDto>, ProblemHttpResult>> PutTenant(string externalId, HttpRequest request,
        UpsertTenant.Handler handler, GetTenant.Handler getTenant, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<TenantRegistrationBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new UpsertTenant.Request(externalId, body!.Sent(), body.PartnerId, body.Manager, body.Workloads ?? []), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var tenant = await TenantOf(getTenant, result.Value.Tenant.Id, ct);
        return result.Value.Created ? TypedResults.Created($"/api/v1/tenants/{tenant.Id}", tenant) : TypedResults.Ok(tenant);
    }

    private static async Task<Results<Created<EntitlementDto>, Ok<EntitlementDto>, ProblemHttpResult>> PutEntitlementByExternalId(string externalId,
        string workload, long? partnerId, UpsertTenant.Handler handler, GetTenant.Handler getTenant, CancellationToken ct)
    {
        var result = await handler.HandleEntitlementAsync(externalId, partnerId, workload, ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var tenant = await TenantOf(getTenant, result.Value.Tenant.Id, ct);
        var entitlement = tenant.Entitlements.First(e => string.Equals(e.Workload, workload, StringComparison.OrdinalIgnoreCase));
        return result.Value.Changed
            ? TypedResults.Created($"/api/v1/tenants/{tenant.Id}/entitlements/{Uri.EscapeDataString(entitlement.Workload)}", entitlement)
            : TypedResults.Ok(entitlement);
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> EditTenant(long id, HttpRequest request, EditTenant.Handler handler,
        GetTenant.Handler getTenant, CancellationToken ct)
    {
        var (document, bodyRefusal) = await ApiBodies.ReadAsync<JsonDocument>(request, ct);
        if (bodyRefusal is not null)
        {
            return Problems.From(bodyRefusal);
        }

        using (document)
        {
            var (body, refusal) = ApiBodies.Convert<TenantChangeBody>(document!.RootElement);
            if (refusal is not null)
            {
                return Problems.From(refusal);
            }

            // An optional text sent as null is cleared; one left out is kept.
            string? Cleared(string? value, string name) => value ?? (Named(document.RootElement, name) ? "" : null);
            var changes = new TenantDetails(body!.Name, Cleared(body.BrandName, "brandName"), body.Country, Cleared(body.Industry, "industry"), body.Seats,
                body.Managed, body.Priority, body.Enterprise);
            var result = await handler.HandleAsync(new EditTenant.Request(id, changes), ct);
            return result.Succeeded ? TypedResults.Ok(await TenantOf(getTenant, id, ct)) : Problems.From(result.Refusal);
        }
    }

    private static async Task<Results<Created<EntitlementDto[]>, ProblemHttpResult>> AddEntitlements(long id, HttpRequest request,
        Application.Entitlements.AddEntitlement.Handler handler, GetTenant.Handler getTenant, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<EntitlementsBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var workloads = body!.Workloads ?? [];
        var result = await handler.HandleAsync(new Application.Entitlements.AddEntitlement.Request(id, workloads), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var tenant = await TenantOf(getTenant, id, ct);
        var added = tenant.Entitlements.Where(e => workloads.Contains(e.Workload, StringComparer.OrdinalIgnoreCase)).ToList();
        var location = added.Count == 1
            ? $"/api/v1/tenants/{id}/entitlements/{Uri.EscapeDataString(added[0].Workload)}"
            : $"/api/v1/tenants/{id}";
        return TypedResults.Created(location, tenant.Entitlements.ToArray());
    }

    private static async Task<Results<Ok<PageDto<DetailChangeDto>>, ProblemHttpResult>> GetDetailChanges(
        long id, int? page, int? pageSize, string? cursor, HttpContext http, GetDetailChanges.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        var result = await handler.HandleAsync(new GetDetailChanges.Request(id, at.Page, pageSize, at.Mark), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var p = result.Value.Page;
        return TypedResults.Ok(PageLinks.Dto(http, p, a => new DetailChangeDto(a.Id, a.Action, a.Actor, a.At,
            a.Changes.Select(c => new FieldChangeDto(c.Field, c.Before, c.After)).ToArray())));
    }

    /// <summary>The tenant as written, read back through the same use case a GET uses.</summary>
    private static async Task<TenantDto> TenantOf(GetTenant.Handler getTenant, long id, CancellationToken ct)
    {
        var read = await getTenant.HandleAsync(new GetTenant.Request(id), ct);
        return TenantDto.From(read.Value!.Tenant, read.Value.Entitlements);
    }

    private static bool Named(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static async Task<Results<Ok<PageDto<HistoryEntryDto>>, ProblemHttpResult>> GetHistory(
        long id, int? page, int? pageSize, string? cursor, string? workload, string? changedBy, DateOnly? from, DateOnly? to, string? field, HttpContext http,
        GetHistory.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        var result = await handler.HandleAsync(new GetHistory.Request(id, at.Page, pageSize, at.Mark, workload, changedBy, from, to, field), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var p = result.Value;
        return TypedResults.Ok(PageLinks.Dto(http, p, HistoryEntryDto.From));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkDuplicate(
        long id, HttpRequest request, MarkDuplicate.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<DuplicateBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new MarkDuplicate.Request(id, body!.Reason ?? ""), ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearDuplicate(long id, ClearDuplicate.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ClearDuplicate.Request(id), ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }
}
