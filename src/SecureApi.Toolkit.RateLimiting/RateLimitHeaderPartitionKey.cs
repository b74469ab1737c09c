namespace SecureApi.Toolkit.RateLimiting;

/// <summary>Whether the IETF <c>RateLimit</c> field carries the <c>pk</c> (partition key) parameter.</summary>
public enum RateLimitHeaderPartitionKey
{
    /// <summary>No <c>pk</c> parameter. The default.</summary>
    Omit = 0,

    /// <summary>
    /// <c>pk</c> is the first 12 bytes of SHA-256 of the partition key, as a structured-field byte sequence, so clients
    /// can tell partitions apart without the response revealing the key (an address, a tenant).
    /// </summary>
    Hashed = 1,
}
