using Headway.Application;
using Headway.Application.Notes;
using Headway.Application.Notifications;
using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Application.WorkList;
using Headway.Domain.Results;
using Headway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Web.Tests;

/// <summary>
/// The compiled queries of the work list, the tenant page and the bell run in one process against SQLite and PostgreSQL
/// in turn, as the tests and a copy from one database to the other do: EF Core binds a compiled query to one model, and
/// each provider has its own.
/// </summary>
public class CompiledQueryModelsTests
{
    private static readonly Caller Manager = new("manager@centre.example", null, null, Role.Manager);

    [PostgresFact]
    public async Task CompiledQueries_RunOnSqliteThenPostgresThenSqlite_InOneProcess()
    {
        await using var sqlite = await TestDatabase.CreateAsync(postgres: false);
        await using var postgres = await TestDatabase.CreateAsync(postgres: true);
        foreach (var database in new[] { sqlite, postgres, sqlite })
        {
            var (groups, tenant, notes, requests, latest, unread) = await database.RunAsync(async sp =>
            {
                var list = await sp.GetRequiredService<GetWorkList.Handler>().HandleAsync();
                var missing = await sp.GetRequiredService<GetTenant.Handler>().HandleAsync(new GetTenant.Request(987_654));
                var timeline = await sp.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(987_654));
                var asked = await sp.GetRequiredService<ListSummaryRequests.Handler>()
                    .HandleAsync(new ListSummaryRequests.Request(TenantId: 987_654, State: "open"));
                var summary = await sp.GetRequiredService<ListSummaries.Handler>().LatestAsync(987_654);
                var bell = await sp.GetRequiredService<ListNotifications.Handler>().UnreadAsync();
                return (list.Value!.Groups.Count, missing.Refusal?.Code, timeline.Refusal?.Code, asked.Refusal?.Code, summary, bell);
            }, Manager);

            Assert.Equal(WorkGroups.All.Count, groups);
            Assert.Equal(RefusalCodes.TenantNotFound, tenant);
            Assert.Equal(RefusalCodes.TenantNotFound, notes);
            Assert.Equal(RefusalCodes.TenantNotFound, requests);
            Assert.Null(latest);
            Assert.Equal(0, unread);
        }
    }
}
