using Microsoft.IdentityModel.JsonWebTokens;

namespace SecureApi.Toolkit.Tokens.Internal;

/// <summary>
/// The one <see cref="JsonWebTokenHandler"/> used for creating and validating tokens: it caches signature
/// providers per key, so sharing it keeps validation cheap.
/// </summary>
internal static class SharedTokenHandler
{
    public static JsonWebTokenHandler Instance { get; } = new()
    {
        // Times come from the injected TimeProvider, never from the handler's own clock.
        SetDefaultTimesOnTokenCreation = false,
        MapInboundClaims = false,
    };
}
