namespace SecureApi.Toolkit.Tokens;

/// <summary>RFC 6749 §5.1 token response.</summary>
internal sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string Scope);
