namespace SecureApi.Toolkit.Tokens;

/// <summary>Names and values shared by the access-token issuer and its authentication scheme.</summary>
public static class AccessTokenDefaults
{
    /// <summary>The <c>typ</c> header of access tokens (RFC 9068).</summary>
    public const string TokenType = "at+jwt";

    /// <summary>The claim that carries the space-delimited permissions (RFC 8693 <c>scope</c>).</summary>
    public const string ScopeClaim = "scope";

    /// <summary>The path <c>MapJwks()</c> maps by default.</summary>
    public const string JwksPath = "/.well-known/jwks.json";
}
