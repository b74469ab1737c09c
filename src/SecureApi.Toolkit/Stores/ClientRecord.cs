namespace SecureApi.Toolkit.Stores;

/// <summary>A registered third-party client: its id, the hash of its secret and the permissions it may be granted.</summary>
public sealed class ClientRecord
{
    /// <summary>Gets the client id (public).</summary>
    public required string ClientId { get; init; }

    /// <summary>Gets the Argon2id PHC string of the client secret; the secret itself is never stored.</summary>
    public required string SecretHash { get; init; }

    /// <summary>Gets the permissions tokens for this client may carry.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>Gets when the client (or its current secret) was registered.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
