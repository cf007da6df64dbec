using System.Globalization;
using Headway.Domain.Taxonomy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Taxonomy;

public static class TaxonomyApi
{
    public sealed record L3Dto(string Code, string Name);

    public sealed record L2Dto(string Code, string Name, string Definition, IReadOnlyList<L3Dto> L3);

    public sealed record L1Dto(string Code, string Name, string Definition, string Requirements, bool RequiresL2,
        bool RequiresTargetDate, bool AllowsEngagementStartDate, bool ExpectsProjectedUnblockDate, IReadOnlyList<L2Dto> L2);

    public sealed record WorkloadDto(string Code, string Name, bool Entitlement);

    public sealed record TaxonomyDto(int Version, string Language, IReadOnlyList<L1Dto> L1, IReadOnlyList<WorkloadDto> Workloads);

    public static IEndpointRouteBuilder MapTaxonomyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/taxonomy", GetTaxonomy)
            .WithName("GetTaxonomy")
            .WithSummary("The L1/L2 status taxonomy with the administrator-defined L3 values, and the workload catalogue, named and defined in the requested language (lang=en|zh-Hans|de|ja).")
            .WithTags("Taxonomy");
        return app;
    }

    public static TaxonomyDto Build(string language, IReadOnlyList<Application.Data.L3Value> l3Values)
    {
        var t = StatusTaxonomy.Default;
        return new TaxonomyDto(t.Version, language,
            t.L1s.Select(l => new L1Dto(l.Code, l.Name.Get(language), l.Definition.Get(language), l.Requirements.Get(language),
                l.RequiresL2, l.RequiresTargetDate, l.AllowsEngagementStartDate, l.ExpectsProjectedUnblockDate,
                l.L2s.Select(x => new L2Dto(x.Code, x.Name.Get(language), x.Definition.Get(language),
                    l3Values.Where(v => v.L2 == x.Code).Select(v => new L3Dto(v.Code, v.Name)).ToArray())).ToArray())).ToArray(),
            WorkloadCatalogue.Default.All.Select(w => new WorkloadDto(w.Code, w.Name.Get(language), w.IsEntitlement)).ToArray());
    }

    private static async Task<Ok<TaxonomyDto>> GetTaxonomy(Application.Taxonomy.ManageL3Values l3, CancellationToken ct) =>
        TypedResults.Ok(Build(SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name), await l3.ListAsync(ct)));
}
