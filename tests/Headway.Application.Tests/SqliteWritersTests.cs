using Headway.Application.Data;

namespace Headway.Application.Tests;

public class SqliteWritersTests
{
    [Fact]
    public async Task For_TwoDatabaseFiles_DoNotBlockEachOther()
    {
        var folder = Path.Combine(Path.GetTempPath(), "headway-writers-" + Guid.NewGuid().ToString("N"));
        var first = SqliteWriters.For($"Data Source={Path.Combine(folder, "a.db")}");
        var second = SqliteWriters.For($"Data Source={Path.Combine(folder, "b.db")}");

        await first.WaitAsync();
        try
        {
            Assert.True(await second.WaitAsync(TimeSpan.Zero));
            second.Release();
        }
        finally
        {
            first.Release();
        }
    }

    [Fact]
    public async Task For_SameFileByAnotherConnectionString_Serialises()
    {
        var folder = Path.Combine(Path.GetTempPath(), "headway-writers-" + Guid.NewGuid().ToString("N"));
        var writer = SqliteWriters.For($"Data Source={Path.Combine(folder, "a.db")}");
        var sameFile = SqliteWriters.For($"Data Source={Path.Combine(folder, ".", "a.db")};Cache=Shared");

        await writer.WaitAsync();
        try
        {
            Assert.False(await sameFile.WaitAsync(TimeSpan.Zero));
        }
        finally
        {
            writer.Release();
        }

        Assert.True(await sameFile.WaitAsync(TimeSpan.Zero));
        sameFile.Release();
    }

    [Fact]
    public void For_InMemoryDatabases_AreKeptApartByName()
    {
        var name = "headway-writers-" + Guid.NewGuid().ToString("N");

        Assert.Same(SqliteWriters.For($"Data Source={name};Mode=Memory;Cache=Shared"), SqliteWriters.For($"Data Source={name};Mode=Memory;Cache=Shared;Pooling=False"));
        Assert.NotSame(SqliteWriters.For($"Data Source={name};Mode=Memory"), SqliteWriters.For($"Data Source={name}-other;Mode=Memory"));
    }
}
