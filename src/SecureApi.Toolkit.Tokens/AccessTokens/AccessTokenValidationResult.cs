using System.Security.Claims;

namespace SecureApi.Toolkit.Tokens;

/// <summary>The outcome of validating one access token: an identity, or a stable failure reason code.</summary>
internal readonly record struct AccessTokenValidationResult(ClaimsIdentity? Identity, string? FailureReason, string? Issuer)
{
    public bool Succeeded => Identity is not null;

    public static AccessTokenValidationResult Fail(string reason) => new(null, reason, null);
}
