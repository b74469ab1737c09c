namespace SecureApi.Toolkit.Callers;

/// <summary>The claim types the SecureApi authentication schemes write, so every scheme speaks one vocabulary.</summary>
public static class ApiCallerClaimTypes
{
    /// <summary>The claim naming how the caller authenticated: one of the <c>Kind*</c> values.</summary>
    public const string Kind = "secureapi_caller_kind";

    /// <summary>The <see cref="Kind"/> value for a verified HTTP message signature.</summary>
    public const string KindSignedClient = "signed-client";

    /// <summary>The <see cref="Kind"/> value for an access token.</summary>
    public const string KindToken = "token";

    /// <summary>The <see cref="Kind"/> value for an API key.</summary>
    public const string KindApiKey = "api-key";

    /// <summary>The subject (caller id) claim, as in JWT.</summary>
    public const string Subject = "sub";

    /// <summary>The OAuth client id claim (RFC 9068).</summary>
    public const string ClientId = "client_id";

    /// <summary>One permission per claim.</summary>
    public const string Permission = "permission";
}
