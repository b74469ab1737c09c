using System.Security.Cryptography;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Tokens.Tests.ApiKeys;

public sealed class ApiKeyVerificationCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly byte[] _hashKey = RandomNumberGenerator.GetBytes(32);

    private (string Key, ApiKeyRecord Record) NewKey(params string[] permissions)
    {
        var (key, keyId) = ApiKeyFormat.Create("sak");
        return (key, new ApiKeyRecord { KeyId = keyId, Hash = ApiKeyFormat.Hash(_hashKey, key), Permissions = permissions });
    }

    [Fact]
    public void TryMatch_RememberedKey_MatchesWithCachedScope()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey("orders.read", "customers.read");
        cache.Remember(record, key, _hashKey, "orders.read customers.read", Now, 10);

        Assert.True(cache.TryMatch(record, key, _hashKey, Now.AddMinutes(1), out var scope, out var current));
        Assert.True(current);
        Assert.Equal("orders.read customers.read", scope);
    }

    [Fact]
    public void TryMatch_NothingRemembered_NoMatch()
    {
        var (key, record) = NewKey();
        Assert.False(new ApiKeyVerificationCache().TryMatch(record, key, _hashKey, Now, out _, out _));
    }

    [Fact]
    public void TryMatch_OtherSecretWithSameKeyId_NoMatch()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 10);
        var body = key[..^ApiKeyFormat.ChecksumLength];
        var otherBody = body[..^1] + (body[^1] == 'a' ? 'b' : 'a');
        var other = otherBody + ApiKeyFormat.Checksum(otherBody);
        Assert.True(ApiKeyFormat.TryParse(other, "sak", out var otherId, out _));
        Assert.Equal(record.KeyId, otherId);

        Assert.False(cache.TryMatch(record, other, _hashKey, Now, out _, out _));
    }

    [Fact]
    public void TryMatch_SameIdAndSecretUnderOtherPrefix_NoMatch()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 10);
        var otherBody = "xyz" + key[3..^ApiKeyFormat.ChecksumLength];
        var other = otherBody + ApiKeyFormat.Checksum(otherBody);
        Assert.True(ApiKeyFormat.TryParse(other, "xyz", out var otherId, out _));
        Assert.Equal(record.KeyId, otherId);

        Assert.False(cache.TryMatch(record, other, _hashKey, Now, out _, out _));
    }

    [Fact]
    public void TryMatch_OtherSecretDifferingInItsFirstCharacter_NoMatch()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 10);
        var at = 4 + ApiKeyFormat.IdLength;
        var otherBody = key[..at] + (key[at] == 'a' ? 'b' : 'a') + key[(at + 1)..^ApiKeyFormat.ChecksumLength];
        var other = otherBody + ApiKeyFormat.Checksum(otherBody);

        Assert.False(cache.TryMatch(record, other, _hashKey, Now, out _, out _));
    }

    [Fact]
    public void TryMatch_SameSecretUnderOtherKeyId_NoMatch()
    {
        // As a store that looked key ids up case-insensitively would hand back the record of another id.
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 10);
        var otherBody = "sak_" + (key[4] == 'a' ? 'A' : 'a') + key[5..^ApiKeyFormat.ChecksumLength];
        var other = otherBody + ApiKeyFormat.Checksum(otherBody);

        Assert.False(cache.TryMatch(record, other, _hashKey, Now, out _, out _));
    }

    [Fact]
    public void TryMatch_RecordHashChanged_NoMatch()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 10);
        var replaced = new ApiKeyRecord { KeyId = record.KeyId, Hash = ApiKeyFormat.Hash(RandomNumberGenerator.GetBytes(32), key) };

        Assert.False(cache.TryMatch(replaced, key, _hashKey, Now, out _, out _));
    }

    [Fact]
    public void TryMatch_OtherHashKey_NoMatch()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 10);

        // Even equal bytes in a new array: a reloaded option is a new server key as far as the cache knows.
        Assert.False(cache.TryMatch(record, key, (byte[])_hashKey.Clone(), Now, out _, out _));
    }

    [Fact]
    public void TryMatch_AfterEntryLifetime_NoMatch()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 10);

        Assert.True(cache.TryMatch(record, key, _hashKey, Now + ApiKeyVerificationCache.EntryLifetime - TimeSpan.FromSeconds(1), out _, out _));
        Assert.False(cache.TryMatch(record, key, _hashKey, Now + ApiKeyVerificationCache.EntryLifetime, out _, out _));
        Assert.False(cache.TryMatch(record, key, _hashKey, Now.AddSeconds(-1), out _, out _));
    }

    [Fact]
    public void TryMatch_PermissionsChanged_MatchesWithoutScope()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey("orders.read");
        cache.Remember(record, key, _hashKey, "orders.read", Now, 10);
        var changed = new ApiKeyRecord { KeyId = record.KeyId, Hash = record.Hash, Permissions = ["orders.read", "admin"] };
        var sameContents = new ApiKeyRecord { KeyId = record.KeyId, Hash = record.Hash, Permissions = ["orders.read"] };

        Assert.True(cache.TryMatch(changed, key, _hashKey, Now, out var scope, out var current));
        Assert.False(current);
        Assert.Null(scope);
        Assert.True(cache.TryMatch(sameContents, key, _hashKey, Now, out scope, out current));
        Assert.True(current);
        Assert.Equal("orders.read", scope);
    }

    [Fact]
    public void Remember_AtCapacity_KeepsExistingAndSkipsNew()
    {
        var cache = new ApiKeyVerificationCache();
        var (key1, record1) = NewKey();
        var (key2, record2) = NewKey();
        cache.Remember(record1, key1, _hashKey, null, Now, 1);
        cache.Remember(record2, key2, _hashKey, null, Now, 1);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryMatch(record1, key1, _hashKey, Now, out _, out _));
        Assert.False(cache.TryMatch(record2, key2, _hashKey, Now, out _, out _));
    }

    [Fact]
    public void Remember_AtCapacityWithOutlivedEntry_SweepsItAndAdds()
    {
        var cache = new ApiKeyVerificationCache();
        var (key1, record1) = NewKey();
        var (key2, record2) = NewKey();
        cache.Remember(record1, key1, _hashKey, null, Now, 1);
        var later = Now + ApiKeyVerificationCache.EntryLifetime;
        cache.Remember(record2, key2, _hashKey, null, later, 1);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryMatch(record2, key2, _hashKey, later, out _, out _));
    }

    [Fact]
    public void Remember_CapacityZero_KeepsNothing()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 0);
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryMatch(record, key, _hashKey, Now, out _, out _));
    }

    [Fact]
    public void Forget_RememberedKey_NoLongerMatches()
    {
        var cache = new ApiKeyVerificationCache();
        var (key, record) = NewKey();
        cache.Remember(record, key, _hashKey, null, Now, 10);
        cache.Forget(record.KeyId);
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryMatch(record, key, _hashKey, Now, out _, out _));
    }
}
