using System.Security.Cryptography;
using System.Text;

namespace SecureApi.Toolkit.RateLimiting.Internal;

/// <summary>
/// Hashes partition keys for logs and the <c>pk</c> header parameter: a partition key can be an address or a tenant,
/// which neither a log line nor a response should reveal.
/// </summary>
internal static class PartitionKeyHash
{
    public static byte[] Digest(string partitionKey) => SHA256.HashData(Encoding.UTF8.GetBytes(partitionKey))[..12];

    public static string ForLog(string partitionKey) => Convert.ToHexStringLower(Digest(partitionKey));
}
