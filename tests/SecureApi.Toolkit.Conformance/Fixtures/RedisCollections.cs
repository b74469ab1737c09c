using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.Conformance.Fixtures;

/// <summary>Every conformance class on standalone Redis shares one real server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}

/// <summary>Every conformance class on Redis Cluster shares one real 3-master cluster.</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "redis-cluster";
}
