using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Conformance.Tokens;

/// <summary>The cases every <see cref="IOneTimeCodeStore"/> must pass.</summary>
public abstract class OneTimeCodeStoreConformanceTests : IDisposable
{
    private ServiceProvider? _provider;

    protected abstract ServiceProvider CreateProvider();

    protected abstract Task PassAsync(TimeSpan duration);

    protected IOneTimeCodeStore Store => (_provider ??= CreateProvider()).GetRequiredService<IOneTimeCodeStore>();

    [Fact]
    public async Task Take_AddedCode_ReturnsPayloadOnce()
    {
        Assert.True(await Store.TryAddAsync("activation", "hash-1", "payload-1", TimeSpan.FromMinutes(5)));
        Assert.Equal("payload-1", await Store.TryTakeAsync("activation", "hash-1"));
        Assert.Null(await Store.TryTakeAsync("activation", "hash-1"));
    }

    [Fact]
    public async Task Add_ExistingCode_Refused()
    {
        Assert.True(await Store.TryAddAsync("activation", "hash-2", "first", TimeSpan.FromMinutes(5)));
        Assert.False(await Store.TryAddAsync("activation", "hash-2", "second", TimeSpan.FromMinutes(5)));
        Assert.Equal("first", await Store.TryTakeAsync("activation", "hash-2"));
    }

    [Fact]
    public async Task Take_OtherPurpose_NotFound()
    {
        await Store.TryAddAsync("activation", "hash-3", "p", TimeSpan.FromMinutes(5));
        Assert.Null(await Store.TryTakeAsync("reset", "hash-3"));
        Assert.Equal("p", await Store.TryTakeAsync("activation", "hash-3"));
    }

    [Fact]
    public async Task Take_Unknown_Null()
    {
        Assert.Null(await Store.TryTakeAsync("activation", "never-added"));
    }

    [Fact]
    public async Task Take_AfterLifetime_Null()
    {
        await Store.TryAddAsync("activation", "hash-4", "p", TimeSpan.FromMilliseconds(300));
        await PassAsync(TimeSpan.FromMilliseconds(700));
        Assert.Null(await Store.TryTakeAsync("activation", "hash-4"));
    }

    [Fact]
    public async Task Take_Concurrently_ExactlyOneGetsThePayload()
    {
        var store = Store;
        await store.TryAddAsync("activation", "contended", "prize", TimeSpan.FromMinutes(5));
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.TryTakeAsync("activation", "contended").AsTask())));
        Assert.Single(results, r => r == "prize");
        Assert.Equal(63, results.Count(r => r is null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Add_NonPositiveLifetime_Rejected(int milliseconds)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.TryAddAsync("activation", "h", "p", TimeSpan.FromMilliseconds(milliseconds)).AsTask());
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }
}
