using BenchmarkDotNet.Attributes;
using Headway.Application.Data;
using Headway.Application.Notes;
using Headway.Application.Notifications;
using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.WorkList;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Benchmarks.Portfolio;

/// <summary>
/// The use cases behind a manager's landing and the tenant page, in process, on a large demo file: what each costs the
/// portal without HTTP, rendering or the load generator (see bench/manager-day.sh for those). Each operation is one
/// request's worth: a scope, a context, the handler. The file is named by <c>HEADWAY_BENCH_DB</c> (the 100,000-tenant
/// demo file of bench/README.md); the caller is the programme centre's onboarding manager.
/// </summary>
[MemoryDiagnoser]
public class ManagerDayBenchmarks
{
    private const string Manager = "manager@centre.example";
    private ServiceProvider _services = null!;
    private long[] _tenantIds = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _services = LargeDemo.Services(Manager);
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwayDbContext>();
        // Tenants spread over the whole list, as the load script reads them.
        _tenantIds = [.. db.Tenants.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).Where(id => id % 50 == 0).Take(2_000)];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>The manager's landing: every group's total and first five items.</summary>
    [Benchmark]
    public async Task<int> WorkList()
    {
        using var scope = _services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<GetWorkList.Handler>().HandleAsync();
        return result.Value!.Groups.Count;
    }

    /// <summary>One tenant with its entitlements and account team, another each time.</summary>
    [Benchmark]
    public async Task<int> Tenant()
    {
        using var scope = _services.CreateScope();
        var id = _tenantIds[_next++ % _tenantIds.Length];
        var result = await scope.ServiceProvider.GetRequiredService<GetTenant.Handler>().HandleAsync(new GetTenant.Request(id));
        return result.Value!.Entitlements.Count;
    }

    /// <summary>
    /// Everything the tenant page reads through use cases, another tenant each time: the tenant, its timeline's first page
    /// of 20, its newest executive summary, its first five summary requests, and the bell.
    /// </summary>
    [Benchmark]
    public async Task<int> TenantPage()
    {
        using var scope = _services.CreateScope();
        var id = _tenantIds[_next++ % _tenantIds.Length];
        var tenant = await scope.ServiceProvider.GetRequiredService<GetTenant.Handler>().HandleAsync(new GetTenant.Request(id));
        var notes = await scope.ServiceProvider.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(id, PageSize: 20));
        var summaries = scope.ServiceProvider.GetRequiredService<ListSummaries.Handler>();
        var latest = await summaries.LatestAsync(id);
        var requests = await scope.ServiceProvider.GetRequiredService<ListSummaryRequests.Handler>().OfTenantReadAsync(tenant.Value!.Tenant, null, 5);
        var unread = await scope.ServiceProvider.GetRequiredService<ListNotifications.Handler>().UnreadAsync();
        return tenant.Value.Entitlements.Count + notes.Value!.Items.Count + (latest is null ? 0 : 1) + requests.Value!.Items.Count + unread;
    }

    /// <summary>The bell's unread count, on every page.</summary>
    [Benchmark]
    public async Task<int> Bell()
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ListNotifications.Handler>().UnreadAsync();
    }
}
