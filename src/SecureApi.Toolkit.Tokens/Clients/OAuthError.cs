namespace SecureApi.Toolkit.Tokens;

/// <summary>RFC 6749 §5.2 error response.</summary>
internal sealed record OAuthError(string Error, string ErrorDescription);
