using Headway.Application.Notes;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

public class OverallNotesTests : SeededTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private Task<Result<AddOverallNote.Response>> AddAsync(Caller caller, string type, string text, long? tenant = null) =>
        Database.RunAsync(sp => sp.GetRequiredService<AddOverallNote.Handler>()
            .HandleAsync(new AddOverallNote.Request(tenant ?? Ids.TenantA, type, text, "Kick-off with the partner", new DateOnly(2026, 6, 10), "Partner")), caller, Now);

    [Theory]
    [InlineData(Role.Manager, "ServiceIntent", null)]
    [InlineData(Role.Manager, "EnterpriseStatus", RefusalCodes.Forbidden)]
    [InlineData(Role.Engineer, "TechnicalEnablement", null)]
    [InlineData(Role.Engineer, "ServiceIntent", RefusalCodes.Forbidden)]
    [InlineData(Role.Gateway, "EngagementManagement", null)]
    [InlineData(Role.Gateway, "Lifecycle", RefusalCodes.Forbidden)]
    [InlineData(Role.Architect, "EnterpriseStatus", RefusalCodes.Forbidden)]
    [InlineData(Role.Leadership, "EngagementManagement", RefusalCodes.Forbidden)]
    [InlineData(Role.Manager, "Gossip", RefusalCodes.UnknownNoteType)]
    public async Task AddOverallNote_RoleAndType_FollowTheMatrix(Role role, string type, string? code)
    {
        var caller = role == Role.Manager ? Seed.AsManager() : new Caller("someone@example", null, null, role);

        var result = await AddAsync(caller, type, "Weekly call held; the customer plans the Teams rollout for Q3.");

        Assert.Equal(code, result.Refusal?.Code);
    }

    [Fact]
    public async Task AddOverallNote_ArchitectOnAnEnterpriseTenant_IsAllowed()
    {
        await Database.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<Data.HeadwayDbContext>();
            return await db.Tenants.Where(t => t.Id == Ids.TenantCentre).ExecuteUpdateAsync(u => u.SetProperty(t => t.IsEnterprise, true));
        });

        var result = await AddAsync(new Caller("fta@example", null, null, Role.Architect), "EnterpriseStatus", "Executive summary: fully engaged, EXO migrated.", Ids.TenantCentre);

        Assert.True(result.Succeeded, result.Refusal?.Code);
    }

    [Fact]
    public async Task AddOverallNote_CovidOnAPause_IsSavedWithAdviceAndFindableByTag()
    {
        var paused = await AddAsync(Seed.AsManager(), "ServiceIntent", "Customer paused the SharePoint deployment until further notice. #covid #Sharepoint");
        var accelerated = await AddAsync(Seed.AsManager(), "EngagementManagement", "Customer asked us to accelerate the Teams rollout for home working. #COVID", Ids.TenantB);

        Assert.True(paused.Succeeded);
        Assert.Equal("covid sharepoint", paused.Value!.Note.Hashtags);
        Assert.Contains(paused.Value.Advice, f => f.Code == "CovidTagOnPause");
        Assert.Empty(accelerated.Value!.Advice);
        var all = await Database.RunAsync(sp => sp.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(Tag: "#Covid")));
        var partnerB = await Database.RunAsync(sp => sp.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(Tag: "covid")),
            new Caller("b", Ids.PartnerB, null, Role.Leadership));
        var prefix = await Database.RunAsync(sp => sp.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(Tag: "cov")));

        Assert.Equal(2, all.Value!.Total);
        Assert.Equal(Ids.TenantB, Assert.Single(partnerB.Value!.Items).Note.TenantId);
        Assert.Equal(0, prefix.Value!.Total);
    }

    [Fact]
    public async Task AddOverallNote_EmptyOrHugeText_IsRefusedAndNothingIsStored()
    {
        var empty = await AddAsync(Seed.AsManager(), "Lifecycle", "   ");
        var huge = await AddAsync(Seed.AsManager(), "Lifecycle", new string('x', 9000));

        Assert.Equal(RefusalCodes.TextRequired, empty.Refusal?.Code);
        Assert.Equal(RefusalCodes.NoteTooLong, huge.Refusal?.Code);
        Assert.Equal(0, await Database.RunAsync(sp => sp.GetRequiredService<Data.HeadwayDbContext>().OverallNotes.CountAsync()));
    }

    [Fact]
    public async Task AddOverallNote_TagsLongerThanTheTagColumn_IsSavedAndFindableByItsFirstTags()
    {
        // Tags of up to 8,000 characters of CJK text, 3 bytes each in UTF-8: past the 1,000 characters the column keeps and
        // past the 2,700 bytes PostgreSQL allows a B-tree entry. The note is saved whole; its first tags stay findable.
        var random = new Random(7);
        var words = Enumerable.Range(0, 1400).Select(_ => "#" + new string(Enumerable.Range(0, 4).Select(_ => (char)random.Next(0x4E00, 0x9FA5)).ToArray()));
        var text = "客户暂停了部署。 " + string.Join(' ', words);

        var result = await AddAsync(Seed.AsManager(), "ServiceIntent", text[..Math.Min(text.Length, 8000)]);

        Assert.True(result.Succeeded, result.Refusal?.Code);
        Assert.True(result.Value!.Note.Hashtags!.Length <= 1000);
        var first = result.Value.Note.Hashtags.Split(' ')[0];
        var found = await Database.RunAsync(sp => sp.GetRequiredService<ListOverallNotes.Handler>().HandleAsync(new ListOverallNotes.Request(Tag: first)));
        Assert.Equal(1, found.Value!.Total);
    }
}
