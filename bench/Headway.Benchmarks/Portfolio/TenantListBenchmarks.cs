using BenchmarkDotNet.Attributes;
using Headway.Application.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Benchmarks.Portfolio;

/// <summary>
/// The tenant list's first page of 50 under the filters bench/manager-day.sh mixes (and the unfiltered list by name), in
/// process on a large demo file (<c>HEADWAY_BENCH_DB</c>), as the programme centre's onboarding manager: what each filter
/// costs the portal without HTTP or rendering. The script's third page of a region is left out (this reads first pages),
/// and so are name searches (they depend on the words the file's names use).
/// </summary>
[MemoryDiagnoser]
public class TenantListBenchmarks
{
    private ServiceProvider _services = null!;
    private TenantFilter _filter = null!;

    [Params("sort=name", "mine=true", "mine=true&l1=Blocked", "mine=true&hygiene=NotUpdated", "mine=true&sort=lastChange&desc=true",
        "mine=true&sort=status&desc=true",
        "l1=Blocked", "l1=Blocked&region=EMEA", "l1=Blocked&l1=NoIntent&priority=High", "region=Japan&workload=TEAMS&l1=InProgress",
        "country=DE&sort=seats&desc=true", "priority=High&sort=seats&desc=true", "l2=LegalRegulatory", "l2=ProductFeatureCapability&workload=EXO",
        "hygiene=PoorNote&region=EMEA", "grade=Poor&mine=true", "tag=covid", "manager=manager%40kestrel.example")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _services = LargeDemo.Services("manager@centre.example");
        var parsed = TenantListQuery.Parse(Query);
        _filter = parsed.Succeeded ? parsed.Value : throw new InvalidOperationException($"Not a tenant list filter: {Query}");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public async Task<int> FirstPage()
    {
        using var scope = _services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ListTenants.Handler>().HandleAsync(new ListTenants.Request(_filter, 1, 50));
        return result.Value!.Rows.Items.Count;
    }
}
