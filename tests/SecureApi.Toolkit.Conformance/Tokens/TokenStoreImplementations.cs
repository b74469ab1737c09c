using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Conformance.Fixtures;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Conformance.Tokens;

internal static class TokenFeatures
{
    /// <summary>Registers the tokens package the way an app does, which registers its in-memory stores.</summary>
    public static void Add(SecureApiBuilder api)
    {
        api.AddAccessTokens();
        api.AddApiKeys(o => o.HashKey = RandomNumberGenerator.GetBytes(32));
        api.AddClientCredentials();
    }
}

public sealed class InMemoryAccessTokenRevocationStoreTests : AccessTokenRevocationStoreConformanceTests
{
    private readonly FakeTimeProvider _time = new();

    protected override DateTimeOffset Now => _time.GetUtcNow();

    protected override ServiceProvider CreateProvider() => StoreProviders.InMemory(_time, TokenFeatures.Add);

    protected override Task PassAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }
}

[Collection(RedisCollection.Name)]
public sealed class RedisAccessTokenRevocationStoreTests(RedisServerFixture redis) : AccessTokenRevocationStoreConformanceTests
{
    protected override DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(redis.ConnectionString, TokenFeatures.Add);

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterAccessTokenRevocationStoreTests(RedisClusterFixture cluster) : AccessTokenRevocationStoreConformanceTests
{
    protected override DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(cluster.ConnectionString, TokenFeatures.Add);

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}

public sealed class InMemoryApiKeyStoreTests : ApiKeyStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.InMemory(new FakeTimeProvider(), TokenFeatures.Add);
}

[Collection(RedisCollection.Name)]
public sealed class RedisApiKeyStoreTests(RedisServerFixture redis) : ApiKeyStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(redis.ConnectionString, TokenFeatures.Add);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterApiKeyStoreTests(RedisClusterFixture cluster) : ApiKeyStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(cluster.ConnectionString, TokenFeatures.Add);
}

public sealed class InMemoryOneTimeCodeStoreTests : OneTimeCodeStoreConformanceTests
{
    private readonly FakeTimeProvider _time = new();

    protected override ServiceProvider CreateProvider() => StoreProviders.InMemory(_time, TokenFeatures.Add);

    protected override Task PassAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }
}

[Collection(RedisCollection.Name)]
public sealed class RedisOneTimeCodeStoreTests(RedisServerFixture redis) : OneTimeCodeStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(redis.ConnectionString, TokenFeatures.Add);

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterOneTimeCodeStoreTests(RedisClusterFixture cluster) : OneTimeCodeStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(cluster.ConnectionString, TokenFeatures.Add);

    protected override Task PassAsync(TimeSpan duration) => RealTime.PassAsync(duration);
}

public sealed class InMemoryClientStoreTests : ClientStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.InMemory(new FakeTimeProvider(), TokenFeatures.Add);
}

[Collection(RedisCollection.Name)]
public sealed class RedisClientStoreTests(RedisServerFixture redis) : ClientStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(redis.ConnectionString, TokenFeatures.Add);
}

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterClientStoreTests(RedisClusterFixture cluster) : ClientStoreConformanceTests
{
    protected override ServiceProvider CreateProvider() => StoreProviders.Redis(cluster.ConnectionString, TokenFeatures.Add);
}
