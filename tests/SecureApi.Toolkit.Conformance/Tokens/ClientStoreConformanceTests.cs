using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Conformance.Tokens;

/// <summary>The cases every <see cref="IClientStore"/> must pass.</summary>
public abstract class ClientStoreConformanceTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private ServiceProvider? _provider;

    protected abstract ServiceProvider CreateProvider();

    protected IClientStore Store => (_provider ??= CreateProvider()).GetRequiredService<IClientStore>();

    [Fact]
    public async Task Save_ThenFind_RoundTrips()
    {
        await Store.SaveAsync(new ClientRecord { ClientId = "c-1", SecretHash = "$argon2id$x", Permissions = ["orders.read", "a.b"], CreatedAt = Created });
        var found = await Store.FindAsync("c-1");
        Assert.Equal("$argon2id$x", found!.SecretHash);
        Assert.Equal(["orders.read", "a.b"], found.Permissions);
        Assert.Equal(Created, found.CreatedAt);
    }

    [Fact]
    public async Task Save_Existing_ReplacesWhole()
    {
        await Store.SaveAsync(new ClientRecord { ClientId = "c-2", SecretHash = "old", Permissions = ["a", "b"], CreatedAt = Created });
        await Store.SaveAsync(new ClientRecord { ClientId = "c-2", SecretHash = "new", Permissions = [], CreatedAt = Created.AddDays(1) });
        var found = await Store.FindAsync("c-2");
        Assert.Equal("new", found!.SecretHash);
        Assert.Empty(found.Permissions);
        Assert.Equal(Created.AddDays(1), found.CreatedAt);
    }

    [Fact]
    public async Task Delete_RemovesOnce()
    {
        await Store.SaveAsync(new ClientRecord { ClientId = "c-3", SecretHash = "h", CreatedAt = Created });
        Assert.True(await Store.DeleteAsync("c-3"));
        Assert.False(await Store.DeleteAsync("c-3"));
        Assert.Null(await Store.FindAsync("c-3"));
    }

    [Fact]
    public async Task Find_Unknown_Null()
    {
        Assert.Null(await Store.FindAsync("nobody"));
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }
}
