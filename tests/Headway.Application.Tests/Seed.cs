using Headway.Application.Data;
using Headway.Application.Entitlements;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Headway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>Two partners and the programme centre, one tenant each, entitlements added through the handler.</summary>
internal sealed record Seed(long PartnerA, long PartnerB, long TenantA, long TenantB, long TenantCentre)
{
    public static readonly DateTimeOffset Created = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The onboarding manager every seeded tenant is assigned to.</summary>
    public const string Manager = "fm@example";

    public static Caller AsManager(long? partner = null, string? ip = null) => new(Manager, partner, ip, Role.Manager);

    public static async Task<Seed> CreateAsync(TestDatabase database)
    {
        var ids = await database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var a = new Partner { Name = "Partner A" };
            var b = new Partner { Name = "Partner B" };
            db.Partners.AddRange(a, b);
            await db.SaveChangesAsync();
            var ta = new Tenant { Name = "Contoso Pharma GmbH", Country = "DE", Region = "EMEA", PartnerId = a.Id, Seats = 1200, ManagerName = Manager };
            var tb = new Tenant { Name = "东方物流有限公司", BrandName = "东方", Country = "CN", Region = "Greater China", PartnerId = b.Id, Seats = 800, ManagerName = Manager };
            var tc = new Tenant { Name = "山田製作所株式会社", Country = "JP", Region = "Japan", Seats = 5000, ManagerName = Manager };
            db.Tenants.AddRange(ta, tb, tc);
            await db.SaveChangesAsync();
            // The manager as a user of the programme centre (no password: nobody signs in here), so that a file may name them.
            var created = await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HeadwayUser>>()
                .CreateAsync(new HeadwayUser { UserName = Manager, Email = Manager, Role = Role.Manager });
            Assert.True(created.Succeeded);
            return (a.Id, b.Id, ta.Id, tb.Id, tc.Id);
        });
        var seed = new Seed(ids.Item1, ids.Item2, ids.Item3, ids.Item4, ids.Item5);
        foreach (var tenant in new[] { seed.TenantA, seed.TenantB, seed.TenantCentre })
        {
            foreach (var workload in new[] { "EXO", "SPO", "TEAMS", "OPP" })
            {
                var added = await database.RunAsync(sp => sp.GetRequiredService<AddEntitlement.Handler>()
                    .HandleAsync(new AddEntitlement.Request(tenant, [workload])), new Caller("gateway@example", null, null, Role.Gateway), Created);
                Assert.True(added.Succeeded);
            }
        }

        return seed;
    }
}
