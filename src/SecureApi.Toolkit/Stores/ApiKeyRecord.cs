namespace SecureApi.Toolkit.Stores;

/// <summary>
/// What the server keeps about an API key: never the key itself, only its keyed hash, with the permissions and
/// lifecycle dates.
/// </summary>
public sealed class ApiKeyRecord
{
    /// <summary>Gets the key id: the public, non-secret part of the key, used to look it up.</summary>
    public required string KeyId { get; init; }

    /// <summary>Gets the keyed hash (HMAC-SHA256 with the server key) of the whole key, base64url-encoded.</summary>
    public required string Hash { get; init; }

    /// <summary>Gets a display name chosen by the API owner.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Name { get; init; }

    /// <summary>Gets the client application the key belongs to, when there is one.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? ClientId { get; init; }

    /// <summary>Gets the permissions the key grants.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>Gets when the key was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the key stops working.</summary>
    /// <value>The default is <see langword="null"/>: it does not expire.</value>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets when the key was last used, to a resolution the feature chooses.</summary>
    /// <value>The default is <see langword="null"/>: never used.</value>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Gets when the key was revoked.</summary>
    /// <value>The default is <see langword="null"/>: not revoked.</value>
    public DateTimeOffset? RevokedAt { get; init; }
}
