namespace Headway.Application.Tests;

public sealed class PagingTests
{
    [Theory]
    [InlineData(1, 25, 0, 0)]
    [InlineData(1, 25, 3, 3)]
    [InlineData(2, 25, 5, 30)]
    [InlineData(4, 20, 19, 79)]
    public async Task TotalAsync_APageNotFull_IsTheLastAndNeedsNoCount(int page, int size, int read, int expected)
    {
        var counted = false;

        var total = await Paging.TotalAsync(page, size, read, _ =>
        {
            counted = true;
            return Task.FromResult(-1);
        }, CancellationToken.None);

        Assert.Equal((expected, false), (total, counted));
    }

    [Theory]
    [InlineData(1, 25, 25)]
    [InlineData(3, 20, 20)]
    [InlineData(3, 20, 0)]
    public async Task TotalAsync_AFullPageOrAnEmptyOneAfterTheFirst_IsCounted(int page, int size, int read)
    {
        var total = await Paging.TotalAsync(page, size, read, _ => Task.FromResult(41), CancellationToken.None);

        Assert.Equal(41, total);
    }
}
