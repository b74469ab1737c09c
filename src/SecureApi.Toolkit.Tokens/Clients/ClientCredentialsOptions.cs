namespace SecureApi.Toolkit.Tokens;

/// <summary>Settings of third-party client registration, activation codes and the token endpoint.</summary>
public sealed class ClientCredentialsOptions
{
    /// <summary>Gets or sets the prefix of activation codes (followed by <c>_</c>), so leaked codes are recognisable.</summary>
    /// <value>The default is <c>sac</c>.</value>
    public string ActivationCodePrefix { get; set; } = "sac";

    /// <summary>Gets or sets how long an activation code can be redeemed when the issuer does not choose.</summary>
    /// <value>The default is 30 days.</value>
    public TimeSpan ActivationCodeValidity { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the longest validity an activation code may be issued with.</summary>
    /// <value>The default is 90 days.</value>
    public TimeSpan MaxActivationCodeValidity { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Gets or sets the lifetime of tokens from the token endpoint.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="AccessTokenOptions.DefaultLifetime"/>.</value>
    public TimeSpan? TokenLifetime { get; set; }
}
