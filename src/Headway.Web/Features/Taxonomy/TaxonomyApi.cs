using System.Globalization;
using Headway.Domain.Taxonomy;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Taxonomy;

public static class TaxonomyApi
{
    public sealed record L3Dto(string Code, string Name, bool Retired);

    // A new L3 value under an L2: a stable code and a display name.
    public sealed record L3Body(string? L2, string? Code, string? Name);

    // A change of an L3 value: a new name, retired true to retire it or false to restore it; a field left out stays.
    public sealed record L3ChangeBody(string? Name, bool? Retired);

    // A new workload: a code of 2 to 20 letters and digits (kept in capitals) and its name, in every language.
    public sealed record WorkloadBody(string? Code, string? Name);

    // A change of a workload: a new name, retired true to retire it or false to restore it; a field left out stays.
    public sealed record WorkloadChangeBody(string? Name, bool? Retired);

    public sealed record CatalogueWorkloadDto(string Code, string Name, bool Entitlement, DateTimeOffset? RetiredAt, int Position);

    public sealed record L3ValueDto(string L2, string Code, string Name, DateTimeOffset? RetiredAt)
    {
        public static L3ValueDto From(Application.Data.L3Value v) => new(v.L2, v.Code, v.Name, v.RetiredAt);
    }

    public sealed record L2Dto(string Code, string Name, string Definition, IReadOnlyList<L3Dto> L3);

    public sealed record L1Dto(string Code, string Name, string Definition, string Requirements, bool RequiresL2,
        bool RequiresTargetDate, bool AllowsEngagementStartDate, bool ExpectsProjectedUnblockDate, IReadOnlyList<L2Dto> L2);

    public sealed record WorkloadDto(string Code, string Name, bool Entitlement, bool Retired);

    public sealed record TaxonomyDto(int Version, string Language, IReadOnlyList<L1Dto> L1, IReadOnlyList<WorkloadDto> Workloads);

    public static IEndpointRouteBuilder MapTaxonomyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/taxonomy", GetTaxonomy)
            .WithName("GetTaxonomy")
            .WithSummary("The L1/L2 status taxonomy with the administrator-defined L3 values, and the workload catalogue, named and defined in the requested language (lang=en|zh-Hans|de|ja).")
            .WithTags("Taxonomy")
            .RejectUnknownQuery();
        var l3 = app.MapGroup("/api/v1/taxonomy/l3").WithTags("Taxonomy");
        l3.MapGet("/", ListL3)
            .WithName("ListL3Values")
            .WithSummary("Every administrator-defined L3 value, retired ones too (with when they were retired), by L2.")
            .RejectUnknownQuery();
        l3.MapPost("/", AddL3)
            .WithName("AddL3Value")
            .WithSummary("Adds an L3 value under an L2 (programme-centre administrators). The code is stable and unique under its L2; 201 with the value.")
            .Accepts<L3Body>("application/json")
            .Produces<L3ValueDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        l3.MapPatch("/{l2}/{code}", ChangeL3)
            .WithName("ChangeL3Value")
            .WithSummary("Renames an L3 value, or retires (retired=true) or restores it (programme-centre administrators). A retired value stays on the " +
                "entitlements and in the history that have it, and is no longer offered or accepted as a new choice.")
            .Accepts<L3ChangeBody>("application/json")
            .Produces<L3ValueDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        var workloads = app.MapGroup("/api/v1/taxonomy/workloads").WithTags("Taxonomy");
        workloads.MapGet("/", ListWorkloads)
            .WithName("ListWorkloads")
            .WithSummary("The workload catalogue as the administrators keep it, retired workloads too, in display order; names in the requested language.")
            .RejectUnknownQuery();
        workloads.MapPost("/", AddWorkload)
            .WithName("AddWorkload")
            .WithSummary("Adds a workload to the catalogue (programme-centre administrators): tenants can be entitled to it at once, with no release. " +
                "Other nodes see it within 30 seconds. 201 with the workload.")
            .Accepts<WorkloadBody>("application/json")
            .Produces<CatalogueWorkloadDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        workloads.MapPatch("/{code}", ChangeWorkload)
            .WithName("ChangeWorkload")
            .WithSummary("Renames a workload, or retires (retired=true) or restores it (programme-centre administrators). A retired workload stays on " +
                "the entitlements that have it, in reports, history and filters; no new entitlement is registered for it.")
            .Accepts<WorkloadChangeBody>("application/json")
            .Produces<CatalogueWorkloadDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static CatalogueWorkloadDto Dto(Application.Data.WorkloadRecord r) =>
        new(r.Code, Application.Taxonomy.Workloads.Of(r).Name.Get(CultureInfo.CurrentUICulture.Name), r.IsEntitlement, r.RetiredAt, r.Position);

    private static async Task<Ok<CatalogueWorkloadDto[]>> ListWorkloads(Application.Taxonomy.ManageWorkloads manage, CancellationToken ct) =>
        TypedResults.Ok((await manage.ListAsync(ct)).Select(Dto).ToArray());

    private static async Task<Results<Created<CatalogueWorkloadDto>, ProblemHttpResult>> AddWorkload(HttpRequest request,
        Application.Taxonomy.ManageWorkloads manage, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<WorkloadBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await manage.AddAsync(body!.Code ?? "", body.Name ?? "", ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/taxonomy/workloads/{Uri.EscapeDataString(result.Value.Code)}", Dto(result.Value))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<CatalogueWorkloadDto>, ProblemHttpResult>> ChangeWorkload(string code, HttpRequest request,
        Application.Taxonomy.ManageWorkloads manage, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<WorkloadChangeBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await manage.ChangeAsync(code, body!.Name, body.Retired, ct);
        return result.Succeeded ? TypedResults.Ok(Dto(result.Value)) : Problems.From(result.Refusal);
    }

    public static TaxonomyDto Build(string language, IReadOnlyList<Application.Data.L3Value> l3Values, WorkloadCatalogue workloads)
    {
        var t = StatusTaxonomy.Default;
        return new TaxonomyDto(t.Version, language,
            t.L1s.Select(l => new L1Dto(l.Code, l.Name.Get(language), l.Definition.Get(language), l.Requirements.Get(language),
                l.RequiresL2, l.RequiresTargetDate, l.AllowsEngagementStartDate, l.ExpectsProjectedUnblockDate,
                l.L2s.Select(x => new L2Dto(x.Code, x.Name.Get(language), x.Definition.Get(language),
                    l3Values.Where(v => v.L2 == x.Code).Select(v => new L3Dto(v.Code, v.Name, v.RetiredAt is not null)).ToArray())).ToArray())).ToArray(),
            workloads.All.Select(w => new WorkloadDto(w.Code, w.Name.Get(language), w.IsEntitlement, w.IsRetired)).ToArray());
    }

    private static async Task<Ok<L3ValueDto[]>> ListL3(Application.Taxonomy.ManageL3Values l3, CancellationToken ct) =>
        TypedResults.Ok((await l3.ListAsync(ct)).Select(L3ValueDto.From).ToArray());

    private static async Task<Results<Created<L3ValueDto>, ProblemHttpResult>> AddL3(HttpRequest request, Application.Taxonomy.ManageL3Values l3, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<L3Body>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await l3.AddAsync(body!.L2 ?? "", body.Code ?? "", body.Name ?? "", ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/taxonomy/l3/{Uri.EscapeDataString(result.Value.L2)}/{Uri.EscapeDataString(result.Value.Code)}", L3ValueDto.From(result.Value))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<L3ValueDto>, ProblemHttpResult>> ChangeL3(string l2, string code, HttpRequest request,
        Application.Taxonomy.ManageL3Values l3, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<L3ChangeBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await l3.ChangeAsync(l2, code, body!.Name, body.Retired, ct);
        return result.Succeeded ? TypedResults.Ok(L3ValueDto.From(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Ok<TaxonomyDto>> GetTaxonomy(Application.Taxonomy.ManageL3Values l3, WorkloadCatalogue workloads, CancellationToken ct) =>
        TypedResults.Ok(Build(SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name), await l3.ListAsync(ct), workloads));
}
