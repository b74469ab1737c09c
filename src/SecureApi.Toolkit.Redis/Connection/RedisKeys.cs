using System.Security.Cryptography;
using System.Text;

namespace SecureApi.Toolkit.Redis.Connection;

/// <summary>
/// Builds keys as <c>{InstanceName}{feature}:{{tag}}:{name}</c>. The tag is the partition (usually the caller id),
/// so every key of one caller hashes to one Redis Cluster slot and a Lua script may touch them together.
/// A partition that contains a brace, or starts with <c>#</c>, is replaced by <c>#</c> + its SHA-256, so that it can
/// neither end the tag early nor collide with another partition.
/// </summary>
internal static class RedisKeys
{
    public static string Key(string instanceName, string feature, string partition, string name) =>
        string.Concat(instanceName, feature, ":{", Tag(partition), "}:", name);

    public static string Tag(string partition)
    {
        if (partition.Length > 0 && partition[0] != '#' && partition.AsSpan().IndexOfAny('{', '}') < 0)
        {
            return partition;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(partition), hash);
        return "#" + Convert.ToHexStringLower(hash);
    }
}
