namespace SecureApi.Toolkit.Tokens;

/// <summary>A client's credentials, returned once at registration or activation code redemption.</summary>
public sealed class ClientCredentials
{
    internal ClientCredentials(string clientId, string clientSecret, IReadOnlyList<string> permissions)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        Permissions = permissions;
    }

    /// <summary>Gets the client id.</summary>
    public string ClientId { get; }

    /// <summary>Gets the client secret. Only its Argon2id hash is stored: hand it over now, it cannot be shown again.</summary>
    public string ClientSecret { get; }

    /// <summary>Gets the permissions tokens for this client may carry.</summary>
    public IReadOnlyList<string> Permissions { get; }
}
