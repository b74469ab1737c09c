using System.Text.Json.Serialization;

namespace SecureApi.Toolkit.Tokens;

/// <summary>Source-generated JSON for the endpoint responses, with the snake_case names OAuth uses.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ActivationResponse))]
[JsonSerializable(typeof(OAuthError))]
internal sealed partial class TokensJsonContext : JsonSerializerContext;
