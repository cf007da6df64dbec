using System.Text.Json;
using Headway.Application.Entitlements;
using Headway.Application.Tenants;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Web.Features.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Entitlements;

/// <summary>
/// A tenant's entitlements over the API: one read or changed with its version, or several changed at once as the
/// bulk edit page does, through the same use case.
/// </summary>
public static class EntitlementsApi
{
    /// <summary>The body of a status change: every editable field (a field left out is cleared).</summary>
    public sealed record EntitlementBody(string? L1, string? L2, string? L3, string? Note, DateOnly? TargetDate,
        DateOnly? EngagementStartDate, DateOnly? ProjectedUnblockDate, string? NextAction, DateOnly? NextActionDate,
        string? NextActionOwner, string? BusinessReason, EngagementScenario? EngagementScenario,
        string? EngagementStartDateReason = null)
    {
        public EntitlementUpdate ToUpdate() => new(L1 ?? "", L2, L3, Note, TargetDate, EngagementStartDate, ProjectedUnblockDate,
            NextAction, NextActionDate, NextActionOwner, BusinessReason, EngagementScenario);
    }

    /// <summary>One selected workload and the version the caller read.</summary>
    public sealed record BulkTargetBody(string? Workload, int? Version);

    /// <summary>
    /// The fields to change, with JSON merge-patch meaning (RFC 7396): a property present sets the field, present
    /// with null clears it, absent keeps each entitlement's own value. l1 and l2 are the status and go together.
    /// </summary>
    public sealed record BulkChangesBody(string? L1, string? L2, string? L3, string? Note, DateOnly? TargetDate,
        DateOnly? EngagementStartDate, DateOnly? ProjectedUnblockDate, string? NextAction, DateOnly? NextActionDate,
        string? NextActionOwner, string? BusinessReason, EngagementScenario? EngagementScenario);

    /// <summary>
    /// The body of a bulk change. dryRun checks every rule and answers what would change without saving;
    /// confirmSameNote confirms one note on several workloads (not needed when every one is an unresponsive customer).
    /// </summary>
    public sealed record BulkChangeBody(IReadOnlyList<BulkTargetBody>? Targets, BulkChangesBody? Changes, bool ConfirmSameNote = false,
        bool DryRun = false, string? EngagementStartDateReason = null);

    /// <summary>On how many of the selected entitlements a field is set to a value, and on how many it is cleared.</summary>
    public sealed record FieldCountDto(string Field, int Set, int Cleared);

    /// <summary>The entitlements after the change (none on a dry run) and what changed on how many of them.</summary>
    public sealed record BulkChangeDto(bool Saved, bool SameNoteNeedsConfirmation, IReadOnlyList<FieldCountDto> Changes, IReadOnlyList<EntitlementDto> Entitlements);

    /// <summary>The JSON names of the changeable fields, each with the field it sets (l1 and l2 both set the status).</summary>
    private static readonly Dictionary<string, EntitlementField> ChangeNames = new(StringComparer.Ordinal)
    {
        ["l1"] = EntitlementField.Status,
        ["l2"] = EntitlementField.Status,
        ["l3"] = EntitlementField.L3,
        ["note"] = EntitlementField.Note,
        ["targetDate"] = EntitlementField.TargetDate,
        ["engagementStartDate"] = EntitlementField.EngagementStartDate,
        ["projectedUnblockDate"] = EntitlementField.ProjectedUnblockDate,
        ["nextAction"] = EntitlementField.NextAction,
        ["nextActionDate"] = EntitlementField.NextActionDate,
        ["nextActionOwner"] = EntitlementField.NextActionOwner,
        ["businessReason"] = EntitlementField.BusinessReason,
        ["engagementScenario"] = EntitlementField.EngagementScenario,
    };

    public static IEndpointRouteBuilder MapEntitlementsApi(this IEndpointRouteBuilder app)
    {
        app.MapPatch("/api/v1/tenants/{id:long}/entitlements", BulkChangeAsync)
            .WithTags("Tenants")
            .WithName("ChangeEntitlements")
            .WithSummary("Changes several entitlements of a tenant together, all or none. Only the fields present in `changes` change " +
                "(null clears one); every other field keeps each entitlement's value. Each target carries the version read: 409 when one is stale. " +
                "dryRun=true answers what would change on how many entitlements and saves nothing.")
            .Accepts<BulkChangeBody>("application/json")
            .Produces<BulkChangeDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    /// <summary>
    /// One entitlement, read and changed under the tenants group: mapped from <see cref="TenantsApi"/> so the endpoints
    /// keep their place in the API description.
    /// </summary>
    internal static RouteGroupBuilder MapEntitlementEndpoints(this RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{id:long}/entitlements/{workload}", GetEntitlement)
            .WithName("GetEntitlement")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One entitlement; its version is also sent as the ETag.")
            .RejectUnknownQuery();
        tenants.MapPut("/{id:long}/entitlements/{workload}", PutEntitlement)
            .WithName("ChangeEntitlement")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Changes status, note and next action. Send the version read in If-Match: 428 without it, 412 with the current version's ETag when it is stale.")
            .Accepts<EntitlementBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return tenants;
    }

    private static async Task<Results<Ok<EntitlementDto>, ProblemHttpResult>> GetEntitlement(
        long id, string workload, GetTenant.Handler handler, HttpResponse response, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetTenant.Request(id), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var entitlement = result.Value.Entitlements.FirstOrDefault(e => string.Equals(e.Workload, workload, StringComparison.OrdinalIgnoreCase));
        if (entitlement is null)
        {
            return Problems.From(Refusal.ForField("workload", RefusalCodes.EntitlementNotFound, workload));
        }

        response.Headers.ETag = EntityVersions.ETag(entitlement.Version);
        return TypedResults.Ok(EntitlementDto.From(entitlement));
    }

    private static async Task<Results<Ok<EntitlementDto>, ProblemHttpResult>> PutEntitlement(
        long id, string workload, HttpRequest request, ChangeStatus.Handler handler, CancellationToken ct)
    {
        var (body, bodyRefusal) = await ApiBodies.ReadAsync<EntitlementBody>(request, ct);
        if (bodyRefusal is not null)
        {
            return Problems.From(bodyRefusal);
        }

        var (version, versionRefusal) = EntityVersions.ParseIfMatch(request);
        if (versionRefusal is not null)
        {
            return Problems.From(versionRefusal);
        }

        var result = await handler.HandleAsync(new ChangeStatus.Request(id, workload, version, body!.ToUpdate(), body.EngagementStartDateReason), ct);
        if (!result.Succeeded)
        {
            return EntityVersions.Refused(result.Refusal, request.HttpContext.Response);
        }

        request.HttpContext.Response.Headers.ETag = EntityVersions.ETag(result.Value.Version);
        return TypedResults.Ok(EntitlementDto.From(result.Value));
    }

    private static async Task<Results<Ok<BulkChangeDto>, ProblemHttpResult>> BulkChangeAsync(
        long id, HttpRequest request, ChangeStatus.Handler handler, CancellationToken ct)
    {
        var (document, bodyRefusal) = await ApiBodies.ReadAsync<JsonDocument>(request, ct);
        if (bodyRefusal is not null)
        {
            return Problems.From(bodyRefusal);
        }

        using (document)
        {
            var (body, refusal) = ApiBodies.Convert<BulkChangeBody>(document!.RootElement);
            if (refusal is not null)
            {
                return Problems.From(refusal);
            }

            var (patch, patchRefusal) = Patch(document.RootElement, body!.Changes);
            if (patchRefusal is not null)
            {
                return Problems.From(patchRefusal);
            }

            var targets = (body.Targets ?? []).Select(t => new ChangeStatus.Target(t?.Workload ?? "", t?.Version)).ToList();
            var result = await handler.HandleAsync(new ChangeStatus.BulkRequest(id, targets, patch!, body.EngagementStartDateReason,
                body.ConfirmSameNote, body.DryRun), ct);
            if (!result.Succeeded)
            {
                return Problems.From(result.Refusal);
            }

            var r = result.Value;
            return TypedResults.Ok(new BulkChangeDto(r.Saved, r.SameNoteNeedsConfirmation,
                r.Changes.Select(c => new FieldCountDto(JsonNamingPolicy.CamelCase.ConvertName(c.Field.ToString()), c.Set, c.Cleared)).ToList(),
                r.Entitlements.Select(EntitlementDto.From).ToList()));
        }
    }

    /// <summary>Which fields the body names: presence comes from the raw JSON, values from the typed body.</summary>
    private static (EntitlementPatch? Patch, Refusal? Refusal) Patch(JsonElement root, BulkChangesBody? changes)
    {
        if (!root.TryGetProperty("changes", out var raw) || raw.ValueKind != JsonValueKind.Object || changes is null)
        {
            return (null, Refusal.ForField("changes", RefusalCodes.NothingToChange));
        }

        var fields = new HashSet<EntitlementField>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in raw.EnumerateObject())
        {
            if (!ChangeNames.TryGetValue(property.Name, out var field))
            {
                return (null, Refusal.ForField("changes." + property.Name, RefusalCodes.UnknownChoice, property.Name, string.Join(", ", ChangeNames.Keys)));
            }

            named.Add(property.Name);
            fields.Add(field);
        }

        if (named.Contains("l2") && !named.Contains("l1"))
        {
            return (null, Refusal.ForField("l1", RefusalCodes.L1RequiredForL2, changes.L2 ?? ""));
        }

        if (fields.Count == 0)
        {
            return (null, Refusal.ForField("changes", RefusalCodes.NothingToChange));
        }

        var values = new EntitlementUpdate(changes.L1 ?? "", changes.L2, changes.L3, changes.Note, changes.TargetDate, changes.EngagementStartDate,
            changes.ProjectedUnblockDate, changes.NextAction, changes.NextActionDate, changes.NextActionOwner, changes.BusinessReason, changes.EngagementScenario);
        return (new EntitlementPatch(values, fields), null);
    }
}
