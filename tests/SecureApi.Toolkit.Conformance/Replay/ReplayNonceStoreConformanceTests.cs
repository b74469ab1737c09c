using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Conformance.Replay;

/// <summary>The cases every <see cref="IReplayNonceStore"/> must pass, whatever it is built on.</summary>
public abstract class ReplayNonceStoreConformanceTests : IDisposable
{
    private ServiceProvider? _provider;

    protected abstract ServiceProvider CreateProvider();

    /// <summary>Lets <paramref name="duration"/> pass for the store (virtual time in memory, real time on Redis).</summary>
    protected abstract Task PassAsync(TimeSpan duration);

    protected IReplayNonceStore Store => (_provider ??= CreateProvider()).GetRequiredService<IReplayNonceStore>();

    [Fact]
    public async Task TryRecord_FirstUse_IsAccepted_SecondIsAReplay()
    {
        Assert.True(await Store.TryRecordAsync("key-1", "nonce-a", TimeSpan.FromMinutes(5)));
        Assert.False(await Store.TryRecordAsync("key-1", "nonce-a", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task TryRecord_SameNonceInAnotherScope_IsIndependent()
    {
        Assert.True(await Store.TryRecordAsync("key-1", "nonce-b", TimeSpan.FromMinutes(5)));
        Assert.True(await Store.TryRecordAsync("key-2", "nonce-b", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task TryRecord_ScopeWithBraces_CannotCollideWithAnother()
    {
        Assert.True(await Store.TryRecordAsync("a{b}", "n", TimeSpan.FromMinutes(5)));
        Assert.True(await Store.TryRecordAsync("a", "n", TimeSpan.FromMinutes(5)));
        Assert.True(await Store.TryRecordAsync("ab", "n", TimeSpan.FromMinutes(5)));
        Assert.False(await Store.TryRecordAsync("a{b}", "n", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task TryRecord_AfterLifetime_IsForgotten()
    {
        // Long enough for the replay to be seen within the real-time lifetime on Redis, even on a loaded machine.
        var lifetime = TimeSpan.FromSeconds(3);
        Assert.True(await Store.TryRecordAsync("key-1", "nonce-c", lifetime));
        Assert.False(await Store.TryRecordAsync("key-1", "nonce-c", lifetime));

        await PassAsync(TimeSpan.FromSeconds(3.5));

        Assert.True(await Store.TryRecordAsync("key-1", "nonce-c", lifetime));
    }

    [Fact]
    public async Task TryRecord_ConcurrentRecordsOfOneNonce_ExactlyOneWins()
    {
        var store = Store;
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.TryRecordAsync("key-1", "contended", TimeSpan.FromMinutes(5)).AsTask())));

        Assert.Equal(1, results.Count(accepted => accepted));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task TryRecord_NonPositiveLifetime_IsRejected(int milliseconds)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.TryRecordAsync("key-1", "n", TimeSpan.FromMilliseconds(milliseconds)).AsTask());
    }

    [Fact]
    public async Task TryRecord_EmptyNonce_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.TryRecordAsync("key-1", string.Empty, TimeSpan.FromMinutes(1)).AsTask());
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }
}
