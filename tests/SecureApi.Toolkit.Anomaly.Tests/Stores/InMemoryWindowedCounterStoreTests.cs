using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Stores;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;

namespace SecureApi.Toolkit.Anomaly.Tests.Stores;

public class InMemoryWindowedCounterStoreTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task IncrementAsync_WithinWindow_Accumulates()
    {
        var store = new InMemoryWindowedCounterStore(new FakeTimeProvider(Units.Start));

        Assert.Equal(1, await store.IncrementAsync("k", 1, Window));
        Assert.Equal(6, await store.IncrementAsync("k", 5, Window));
        Assert.Equal(1, await store.IncrementAsync("other", 1, Window));
    }

    [Fact]
    public async Task IncrementAsync_AfterWindowFromFirstIncrement_StartsOver()
    {
        var time = new FakeTimeProvider(Units.Start);
        var store = new InMemoryWindowedCounterStore(time);
        await store.IncrementAsync("k", 1, Window);
        time.Advance(Window - TimeSpan.FromTicks(1));
        Assert.Equal(2, await store.IncrementAsync("k", 1, Window));

        time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(1, await store.IncrementAsync("k", 1, Window));
    }

    [Fact]
    public async Task AddDistinctAsync_CountsDistinctMembersOnly()
    {
        var store = new InMemoryWindowedCounterStore(new FakeTimeProvider(Units.Start));

        Assert.Equal(1, await store.AddDistinctAsync("k", "/a", Window));
        Assert.Equal(1, await store.AddDistinctAsync("k", "/a", Window));
        Assert.Equal(2, await store.AddDistinctAsync("k", "/b", Window));
    }

    [Fact]
    public async Task AddDistinctAsync_AfterWindow_StartsOver()
    {
        var time = new FakeTimeProvider(Units.Start);
        var store = new InMemoryWindowedCounterStore(time);
        await store.AddDistinctAsync("k", "/a", Window);
        await store.AddDistinctAsync("k", "/b", Window);
        time.Advance(Window);

        Assert.Equal(1, await store.AddDistinctAsync("k", "/a", Window));
    }

    [Fact]
    public async Task IncrementAsync_Concurrent_CountsEveryIncrement()
    {
        var store = new InMemoryWindowedCounterStore(new FakeTimeProvider(Units.Start));

        await Parallel.ForAsync(0, 2000, async (_, ct) => await store.IncrementAsync("k", 1, Window, ct));

        Assert.Equal(2001, await store.IncrementAsync("k", 1, Window));
    }

    [Fact]
    public async Task IncrementAsync_InvalidArguments_Throw()
    {
        var store = new InMemoryWindowedCounterStore(new FakeTimeProvider(Units.Start));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.IncrementAsync("k", 0, Window));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.IncrementAsync("k", 1, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.IncrementAsync(string.Empty, 1, Window));
    }
}
