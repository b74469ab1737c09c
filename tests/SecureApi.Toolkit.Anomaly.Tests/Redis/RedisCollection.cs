using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Anomaly.Tests.Redis;

/// <summary>The anomaly tests on Redis share one real server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "anomaly-redis";
}
