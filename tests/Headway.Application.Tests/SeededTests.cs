using Headway.Testing;

namespace Headway.Application.Tests;

/// <summary>A fresh migrated SQLite file per test class, seeded with two partners and the centre.</summary>
public abstract class SeededTests : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    /// <summary>The ids of the seeded partners and tenants.</summary>
    internal Seed Ids { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Ids = await Seed.CreateAsync(Database);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
