namespace SecureApi.Toolkit.Tokens;

/// <summary>The activation endpoint's answer: the client's credentials, shown once.</summary>
internal sealed record ActivationResponse(string ClientId, string ClientSecret, string Scope);
