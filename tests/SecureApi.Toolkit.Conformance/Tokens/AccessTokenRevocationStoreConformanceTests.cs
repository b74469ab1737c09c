using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Conformance.Tokens;

/// <summary>The cases every <see cref="IAccessTokenRevocationStore"/> must pass.</summary>
public abstract class AccessTokenRevocationStoreConformanceTests : IDisposable
{
    private ServiceProvider? _provider;

    protected abstract ServiceProvider CreateProvider();

    /// <summary>The store's notion of now (virtual in memory, real on Redis).</summary>
    protected abstract DateTimeOffset Now { get; }

    protected abstract Task PassAsync(TimeSpan duration);

    protected IAccessTokenRevocationStore Store => (_provider ??= CreateProvider()).GetRequiredService<IAccessTokenRevocationStore>();

    [Fact]
    public async Task IsRevoked_UnknownToken_False()
    {
        Assert.False(await Store.IsRevokedAsync("never-revoked"));
    }

    [Fact]
    public async Task Revoke_ThenIsRevoked_TrueAndRevokingTwiceIsHarmless()
    {
        await Store.RevokeAsync("jti-1", Now.AddMinutes(10));
        await Store.RevokeAsync("jti-1", Now.AddMinutes(10));
        Assert.True(await Store.IsRevokedAsync("jti-1"));
        Assert.False(await Store.IsRevokedAsync("jti-2"));
    }

    [Fact]
    public async Task Revoke_AlreadyExpiredToken_StoresNothing()
    {
        await Store.RevokeAsync("jti-old", Now.AddMinutes(-1));
        Assert.False(await Store.IsRevokedAsync("jti-old"));
    }

    [Fact]
    public async Task IsRevoked_AfterTokenExpiry_Forgotten()
    {
        // Connect first, and give the token seconds to live: on Redis its expiry runs in real time from Now, and the
        // revocation and the check must both happen before it.
        Assert.False(await Store.IsRevokedAsync("jti-short"));
        await Store.RevokeAsync("jti-short", Now.AddSeconds(3));
        Assert.True(await Store.IsRevokedAsync("jti-short"));
        await PassAsync(TimeSpan.FromSeconds(3.5));
        Assert.False(await Store.IsRevokedAsync("jti-short"));
    }

    [Fact]
    public async Task Revoke_TokenIdWithBraces_DoesNotCollide()
    {
        await Store.RevokeAsync("a{b}", Now.AddMinutes(10));
        Assert.False(await Store.IsRevokedAsync("a"));
        Assert.False(await Store.IsRevokedAsync("ab"));
        Assert.True(await Store.IsRevokedAsync("a{b}"));
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }
}
