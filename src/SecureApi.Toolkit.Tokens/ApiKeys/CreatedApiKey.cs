namespace SecureApi.Toolkit.Tokens;

/// <summary>A key just created. <see cref="Key"/> is shown to its owner now and cannot be recovered later.</summary>
public sealed class CreatedApiKey
{
    internal CreatedApiKey(string key, string keyId, DateTimeOffset? expiresAt)
    {
        Key = key;
        KeyId = keyId;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the full key. Hand it to its owner once; the server keeps only its keyed hash.</summary>
    public string Key { get; }

    /// <summary>Gets the key id, safe to log and show; use it to revoke the key.</summary>
    public string KeyId { get; }

    /// <summary>Gets when the key expires, or <see langword="null"/> when it does not.</summary>
    public DateTimeOffset? ExpiresAt { get; }
}
