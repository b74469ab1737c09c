namespace SecureApi.Toolkit.Tokens;

/// <summary>An access token just issued, with the facts a token response needs.</summary>
public sealed class IssuedAccessToken
{
    internal IssuedAccessToken(string accessToken, string tokenId, DateTimeOffset expiresAt, TimeSpan lifetime, IReadOnlyList<string> permissions)
    {
        AccessToken = accessToken;
        TokenId = tokenId;
        ExpiresAt = expiresAt;
        Lifetime = lifetime;
        Permissions = permissions;
    }

    /// <summary>Gets the compact JWS. It is a bearer credential: return it to its holder, never log it.</summary>
    public string AccessToken { get; }

    /// <summary>Gets the token's <c>jti</c>, for revocation and logs.</summary>
    public string TokenId { get; }

    /// <summary>Gets when the token expires (its <c>exp</c>).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets the token's lifetime (<c>exp</c> minus <c>iat</c>).</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>Gets the permissions the token carries in its <c>scope</c> claim.</summary>
    public IReadOnlyList<string> Permissions { get; }
}
