using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Conformance.Tokens;

/// <summary>The cases every <see cref="IApiKeyStore"/> must pass.</summary>
public abstract class ApiKeyStoreConformanceTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private ServiceProvider? _provider;

    protected abstract ServiceProvider CreateProvider();

    protected IApiKeyStore Store => (_provider ??= CreateProvider()).GetRequiredService<IApiKeyStore>();

    private static ApiKeyRecord Record(string keyId, DateTimeOffset? expiresAt = null, string? clientId = "client-1") => new()
    {
        KeyId = keyId,
        Hash = "hash-of-" + keyId,
        Name = "reporting",
        ClientId = clientId,
        Permissions = ["orders.read", "customers.read"],
        CreatedAt = Created,
        ExpiresAt = expiresAt,
    };

    [Fact]
    public async Task Create_ThenFind_ReturnsTheSameRecord()
    {
        Assert.True(await Store.CreateAsync(Record("key-1", Created.AddDays(90))));
        var found = await Store.FindAsync("key-1");
        Assert.NotNull(found);
        Assert.Equal("hash-of-key-1", found.Hash);
        Assert.Equal("reporting", found.Name);
        Assert.Equal("client-1", found.ClientId);
        Assert.Equal(["orders.read", "customers.read"], found.Permissions);
        Assert.Equal(Created, found.CreatedAt);
        Assert.Equal(Created.AddDays(90), found.ExpiresAt);
        Assert.Null(found.LastUsedAt);
        Assert.Null(found.RevokedAt);
    }

    [Fact]
    public async Task Create_WithoutExpiryOrClient_RoundTripsNulls()
    {
        Assert.True(await Store.CreateAsync(Record("key-n", clientId: null)));
        var found = await Store.FindAsync("key-n");
        Assert.Null(found!.ExpiresAt);
        Assert.Null(found.ClientId);
    }

    [Fact]
    public async Task Create_ExistingKeyId_Refused()
    {
        Assert.True(await Store.CreateAsync(Record("key-2")));
        Assert.False(await Store.CreateAsync(Record("key-2")));
    }

    [Fact]
    public async Task Create_Concurrently_ExactlyOneWins()
    {
        var store = Store;
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.CreateAsync(Record("contended")).AsTask())));
        Assert.Equal(1, results.Count(created => created));
    }

    [Fact]
    public async Task Find_Unknown_Null()
    {
        Assert.Null(await Store.FindAsync("missing"));
    }

    [Fact]
    public async Task Revoke_KeepsFirstRevocationDate()
    {
        await Store.CreateAsync(Record("key-3"));
        Assert.True(await Store.RevokeAsync("key-3", Created.AddHours(1)));
        Assert.True(await Store.RevokeAsync("key-3", Created.AddHours(2)));
        Assert.Equal(Created.AddHours(1), (await Store.FindAsync("key-3"))!.RevokedAt);
    }

    [Fact]
    public async Task Revoke_Unknown_False()
    {
        Assert.False(await Store.RevokeAsync("missing", Created));
        Assert.Null(await Store.FindAsync("missing"));
    }

    [Fact]
    public async Task RecordUse_NewerWinsOlderIgnored()
    {
        await Store.CreateAsync(Record("key-4"));
        await Store.RecordUseAsync("key-4", Created.AddMinutes(5));
        await Store.RecordUseAsync("key-4", Created.AddMinutes(2));
        Assert.Equal(Created.AddMinutes(5), (await Store.FindAsync("key-4"))!.LastUsedAt);
        await Store.RecordUseAsync("key-4", Created.AddMinutes(9));
        Assert.Equal(Created.AddMinutes(9), (await Store.FindAsync("key-4"))!.LastUsedAt);
    }

    [Fact]
    public async Task RecordUse_Unknown_CreatesNothing()
    {
        await Store.RecordUseAsync("ghost", Created);
        Assert.Null(await Store.FindAsync("ghost"));
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }
}
