using Headway.Application;
using Headway.Application.Changes;
using Headway.Application.Data;
using Headway.Domain.Tenants;
using Headway.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Web.Tests;

/// <summary>
/// On PostgreSQL two writers draw ids at the same time and the later one may commit first. The feed must not move past
/// the earlier one's id while it is still open, or a reader would never see it.
/// </summary>
public class ChangeFeedOrderTests
{
    [PostgresFact]
    public async Task AChangeCommittedBehindAnOpenTransactionIsNotReadUntilThatOneEnds()
    {
        await using var database = await TestDatabase.CreateAsync(postgres: true);
        var start = await ReadAsync(database, null);

        var (beforeOpen, whileOpen, afterCommit) = await database.RunAsync(async first =>
        {
            var db = first.GetRequiredService<HeadwayDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Tenants.Add(Tenant("Written first, committed last"));
            await db.SaveChangesAsync(); // draws the lower ids and stays open

            await database.RunAsync(async second =>
            {
                var other = second.GetRequiredService<HeadwayDbContext>();
                other.Tenants.Add(Tenant("Written second, committed first"));
                return await other.SaveChangesAsync();
            }, Caller.System);

            var whileOpen = await ReadAsync(database, start.Cursor);
            await tx.CommitAsync();
            var afterCommit = await ReadAsync(database, start.Cursor);
            return (start, whileOpen, afterCommit);
        }, Caller.System);

        Assert.DoesNotContain(beforeOpen.Items, c => c.Type == "tenant.created");
        Assert.DoesNotContain(whileOpen.Items, c => c.Type == "tenant.created");
        Assert.Equal(["Written first, committed last", "Written second, committed first"],
            afterCommit.Items.Where(c => c.Type == "tenant.created").Select(c => c.Changes.Single(f => f.Field == "Name").After));
    }

    private static Tenant Tenant(string name) => new() { Name = name, Country = "DE", Region = "EMEA", CreatedAt = DateTimeOffset.UtcNow };

    private static Task<ReadChanges.Response> ReadAsync(TestDatabase database, string? cursor) => database.RunAsync(async sp =>
    {
        var result = await sp.GetRequiredService<ReadChanges.Handler>().HandleAsync(new ReadChanges.Request(cursor, 1000));
        return result.Value!;
    }, Caller.System);
}
