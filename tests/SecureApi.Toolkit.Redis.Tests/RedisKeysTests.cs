using SecureApi.Toolkit.Redis.Connection;

namespace SecureApi.Toolkit.Redis.Tests;

public class RedisKeysTests
{
    [Fact]
    public void Key_PutsPrefixFeatureTagAndName_InThatOrder()
    {
        Assert.Equal("app:ratelimit:{sub:alice}:gcra:orders", RedisKeys.Key("app:", "ratelimit", "sub:alice", "gcra:orders"));
    }

    [Theory]
    [InlineData("a{b")]
    [InlineData("a}b")]
    [InlineData("#deadbeef")]
    [InlineData("")]
    public void Tag_UnsafePartition_IsHashed(string partition)
    {
        var tag = RedisKeys.Tag(partition);

        Assert.StartsWith("#", tag, StringComparison.Ordinal);
        Assert.Equal(65, tag.Length);
        Assert.DoesNotContain('{', tag);
        Assert.DoesNotContain('}', tag);
    }

    [Fact]
    public void Tag_DistinctUnsafePartitions_GiveDistinctTags()
    {
        Assert.NotEqual(RedisKeys.Tag("a{b"), RedisKeys.Tag("a}b"));
        Assert.NotEqual(RedisKeys.Tag("#x"), RedisKeys.Tag("x"));
    }
}
