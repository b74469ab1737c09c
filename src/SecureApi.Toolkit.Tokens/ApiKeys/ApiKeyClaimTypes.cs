namespace SecureApi.Toolkit.Tokens;

/// <summary>The claim types the API-key scheme writes besides the shared caller vocabulary.</summary>
public static class ApiKeyClaimTypes
{
    /// <summary>
    /// The id of the API key that authenticated the request, on every API-key principal. A key of a client acts as that
    /// client (see <see cref="ApiKeyOptions.CallerIsClient"/>); partition on this claim to limit each key on its own.
    /// </summary>
    public const string KeyId = "secureapi_api_key_id";
}
