using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Conformance.Anomaly;

/// <summary>The cases every <see cref="IWindowedCounterStore"/> must pass, whatever it is built on.</summary>
public abstract class WindowedCounterStoreConformanceTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private ServiceProvider? _provider;

    protected abstract ServiceProvider CreateProvider();

    /// <summary>Lets <paramref name="duration"/> pass for the store (virtual time in memory, real time on Redis).</summary>
    protected abstract Task PassAsync(TimeSpan duration);

    protected IWindowedCounterStore Store => (_provider ??= CreateProvider()).GetRequiredService<IWindowedCounterStore>();

    [Fact]
    public async Task Increment_WithinWindow_Accumulates()
    {
        Assert.Equal(1, await Store.IncrementAsync("c1", 1, Long));
        Assert.Equal(4, await Store.IncrementAsync("c1", 3, Long));
        Assert.Equal(2, await Store.IncrementAsync("c2", 2, Long));
    }

    [Fact]
    public async Task Increment_KeysWithBraces_DoNotCollide()
    {
        Assert.Equal(1, await Store.IncrementAsync("a{b}", 1, Long));
        Assert.Equal(1, await Store.IncrementAsync("a", 1, Long));
        Assert.Equal(1, await Store.IncrementAsync("ab", 1, Long));
        Assert.Equal(2, await Store.IncrementAsync("a{b}", 1, Long));
    }

    [Fact]
    public async Task Increment_AfterWindow_StartsOver_AndLaterIncrementsDoNotExtendIt()
    {
        // Seconds, not milliseconds: on Redis the window runs in real time, and the second increment must land in it
        // even on a loaded machine. 1 s + 2.5 s is past the first window but inside one a later increment would restart.
        var window = TimeSpan.FromSeconds(3);
        Assert.Equal(1, await Store.IncrementAsync("w", 1, window));
        await PassAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await Store.IncrementAsync("w", 1, window));

        await PassAsync(TimeSpan.FromSeconds(2.5));

        Assert.Equal(1, await Store.IncrementAsync("w", 1, window));
    }

    [Fact]
    public async Task Increment_Concurrent_CountsEveryIncrement()
    {
        var store = Store;
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.IncrementAsync("busy", 1, Long).AsTask())));

        Assert.Equal(Enumerable.Range(1, 64).Select(i => (long)i), results.Order());
    }

    [Fact]
    public async Task AddDistinct_CountsDistinctMembers()
    {
        Assert.Equal(1, await Store.AddDistinctAsync("d1", "/orders/1", Long));
        Assert.Equal(1, await Store.AddDistinctAsync("d1", "/orders/1", Long));
        Assert.Equal(2, await Store.AddDistinctAsync("d1", "/orders/2", Long));
        Assert.Equal(1, await Store.AddDistinctAsync("d2", "/orders/1", Long));
    }

    [Fact]
    public async Task AddDistinct_AfterWindow_StartsOver()
    {
        // Long enough for two back-to-back calls to land in one real-time window on Redis.
        var window = TimeSpan.FromSeconds(3);
        await Store.AddDistinctAsync("dw", "a", window);
        Assert.Equal(2, await Store.AddDistinctAsync("dw", "b", window));

        await PassAsync(TimeSpan.FromSeconds(3.5));

        Assert.Equal(1, await Store.AddDistinctAsync("dw", "a", window));
    }

    [Fact]
    public async Task Increment_InvalidArguments_AreRejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.IncrementAsync("x", 0, Long).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.IncrementAsync("x", 1, TimeSpan.Zero).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.AddDistinctAsync("x", "m", TimeSpan.FromMilliseconds(-1)).AsTask());
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }
}
