namespace SecureApi.Toolkit.Tokens;

/// <summary>The authentication schemes this package registers.</summary>
public static class TokenAuthenticationSchemes
{
    /// <summary>Bearer access tokens (<c>Authorization: Bearer …</c>).</summary>
    public const string AccessToken = "SecureApiAccessToken";

    /// <summary>API keys (<c>Authorization: ApiKey …</c> or the configured header).</summary>
    public const string ApiKey = "SecureApiKey";

    /// <summary>
    /// A forwarding scheme that picks <see cref="AccessToken"/> or <see cref="ApiKey"/> by the credential the request
    /// carries. It becomes the default scheme unless the app chose one.
    /// </summary>
    public const string Credentials = "SecureApiCredentials";
}
