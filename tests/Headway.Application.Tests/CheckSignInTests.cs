using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Headway.Application.Tests;

/// <summary>
/// An email without a usable account is answered like a wrong password: the same one password hash verified, the
/// same refusal, and the same lock after five failures, so the answers tell nobody which emails have accounts.
/// </summary>
public sealed class CheckSignInTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-2026";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<HeadwayUser>>();
            foreach (var (email, disabled) in new[] { ("known@example", false), ("disabled@example", true) })
            {
                var created = await users.CreateAsync(new HeadwayUser { UserName = email, Email = email, Role = Role.Manager, IsDisabled = disabled }, Password);
                Assert.True(created.Succeeded);
            }

            // A partner whose people sign in through its identity provider only.
            var db = sp.GetRequiredService<HeadwayDbContext>();
            var partner = new Domain.Tenants.Partner { Name = "Federated", PasswordSignInDisabled = true };
            db.Partners.Add(partner);
            await db.SaveChangesAsync();
            Assert.True((await users.CreateAsync(new HeadwayUser { UserName = "federated@example", Email = "federated@example", Role = Role.Manager, PartnerId = partner.Id },
                Password)).Succeeded);
            return 0;
        });
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    /// <summary>Signs in once, counting the password hashes the attempt verifies.</summary>
    private async Task<(Result<HeadwayUser> Result, int Verified)> SignInAsync(string email, string password, DateTimeOffset? at = null)
    {
        var counter = new CountingHasher();
        var services = new ServiceCollection();
        services.AddScoped<ICallerSource>(_ => new FixedCaller(Caller.System));
        services.AddSingleton<TimeProvider>(new Clock(at ?? Now));
        services.AddHeadwayApplication(_database.Configuration());
        services.AddSingleton<IPasswordHasher<HeadwayUser>>(counter);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CheckSignIn.Handler>().HandleAsync(new CheckSignIn.Request(email, password));
        return (result, counter.Verified);
    }

    [Theory]
    [InlineData("known@example")]
    [InlineData("nobody@example")]
    [InlineData("disabled@example")]
    [InlineData("federated@example")]
    public async Task SignIn_WrongPassword_VerifiesOneHashAndAnswersTheSameWhetherOrNotTheAccountExists(string email)
    {
        var (result, verified) = await SignInAsync(email, "Wrong-Password-1");

        Assert.Equal(RefusalCodes.SignInFailed, result.Refusal?.Code);
        Assert.Equal(1, verified);
    }

    [Fact]
    public async Task SignIn_PartnerWithPasswordsOff_TheRightPasswordIsToldToUseTheProvider()
    {
        var (result, verified) = await SignInAsync("federated@example", Password);

        Assert.Equal(RefusalCodes.PasswordSignInDisabled, result.Refusal?.Code);
        Assert.Equal(1, verified);
    }

    [Theory]
    [InlineData("known@example")]
    [InlineData("nobody@example")]
    [InlineData("disabled@example")]
    public async Task SignIn_FiveFailures_LockWhetherOrNotTheAccountExists_AndLockedStillVerifiesOneHash(string email)
    {
        var answers = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await SignInAsync(email, "Wrong-Password-1")).Result.Refusal?.Code);
        }

        var (locked, verified) = await SignInAsync(email, email == "known@example" ? Password : "Wrong-Password-1");
        var (later, _) = await SignInAsync(email, email == "known@example" ? Password : "Wrong-Password-1", Now.AddMinutes(16));

        Assert.Equal([RefusalCodes.SignInFailed, RefusalCodes.SignInFailed, RefusalCodes.SignInFailed, RefusalCodes.SignInFailed, RefusalCodes.LockedOut], answers);
        Assert.Equal(RefusalCodes.LockedOut, locked.Refusal?.Code);
        Assert.Equal(1, verified);
        if (email != "known@example")
        {
            // Identity times a real account's lock by the wall clock; the count for other emails follows the application's clock.
            Assert.Equal(RefusalCodes.SignInFailed, later.Refusal?.Code);
        }
    }

    [Fact]
    public async Task SignIn_UnknownEmails_KeepOnlyAHashOfTheEmail()
    {
        await SignInAsync("Someone.Else@Example", "Wrong-Password-1");

        var keys = await _database.RunAsync(sp => Task.FromResult(sp.GetRequiredService<HeadwayDbContext>().SignInThrottles.Select(t => t.Key).ToList()));

        var key = Assert.Single(keys);
        Assert.Matches("^[0-9A-F]{64}$", key);
    }

    private sealed class CountingHasher : IPasswordHasher<HeadwayUser>
    {
        private readonly PasswordHasher<HeadwayUser> _inner = new();

        public int Verified { get; private set; }

        public string HashPassword(HeadwayUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(HeadwayUser user, string hashedPassword, string providedPassword)
        {
            Verified++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
