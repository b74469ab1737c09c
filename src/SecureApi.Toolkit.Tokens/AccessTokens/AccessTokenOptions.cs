namespace SecureApi.Toolkit.Tokens;

/// <summary>Settings of the access-token issuer and of the access-token authentication scheme.</summary>
public sealed class AccessTokenOptions
{
    /// <summary>Gets or sets the <c>iss</c> value of issued tokens, and the issuer accepted for them.</summary>
    /// <value>The default is <see langword="null"/>; it must be set, for example <c>https://api.example.com</c>.</value>
    public string? Issuer { get; set; }

    /// <summary>Gets or sets the <c>aud</c> value of issued tokens, and the audience every accepted token must carry.</summary>
    /// <value>The default is <see langword="null"/>; it must be set, for example <c>https://api.example.com</c>.</value>
    public string? Audience { get; set; }

    /// <summary>Gets the keys that sign and validate this issuer's tokens (see <see cref="AccessTokenSigningKey"/> for rotation).</summary>
    /// <value>The default is empty: the app adds at least one key to issue tokens.</value>
    public IList<AccessTokenSigningKey> SigningKeys { get; } = [];

    /// <summary>Gets the external OpenID Connect authorities whose tokens are accepted too.</summary>
    /// <value>The default is empty.</value>
    public IList<ExternalTokenAuthority> ExternalAuthorities { get; } = [];

    /// <summary>
    /// Gets the JWS algorithms accepted. When empty, the algorithms of <see cref="SigningKeys"/> are accepted (and,
    /// for external authorities, ES256 and RS256). <c>none</c> is never accepted.
    /// </summary>
    /// <value>The default is empty (derived from the keys).</value>
    public IList<string> AllowedAlgorithms { get; } = [];

    /// <summary>Gets or sets the lifetime of issued tokens when the caller does not ask for less.</summary>
    /// <value>The default is 10 minutes.</value>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the longest lifetime a token may have, issued or accepted (<c>exp</c> minus <c>iat</c>).</summary>
    /// <value>The default is 1 hour.</value>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the tolerance for clock differences when checking <c>exp</c> and <c>nbf</c>.</summary>
    /// <value>The default is 30 seconds. More than 1 minute fails start-up in Production.</value>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest token accepted, in characters; larger ones are refused before parsing.</summary>
    /// <value>The default is 8192.</value>
    public int MaxTokenSize { get; set; } = 8192;

    /// <summary>
    /// Gets or sets whether every accepted token's <c>jti</c> is checked against the revocation store. Tokens without
    /// a <c>jti</c> are then refused. When the store cannot answer, the token is refused (fail closed).
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool CheckRevocation { get; set; }

    /// <summary>
    /// Gets or sets whether tokens are validated at all. Switching it off (signature, lifetime, issuer and
    /// audience unchecked) is for local debugging only: it fails start-up in Production.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ValidateTokens { get; set; } = true;
}
