namespace SecureApi.Toolkit.Hashing;

/// <summary>
/// Ceilings on what a stored hash may ask for. A stored string over a ceiling is refused with
/// <see cref="CredentialVerificationStatus.RejectedByPolicy"/> before any memory is allocated for it, so a hostile
/// hash (for example <c>m=4194304</c>) cannot make a login allocate 4 GiB.
/// </summary>
public sealed class Argon2VerifyPolicy
{
    /// <summary>Gets or sets the largest m (KiB) a stored hash may ask for.</summary>
    /// <value>The default is 262144 (256 MiB).</value>
    public int MaxMemoryKiB { get; set; } = 262_144;

    /// <summary>Gets or sets the largest t (passes) a stored hash may ask for.</summary>
    /// <value>The default is 16.</value>
    public int MaxIterations { get; set; } = 16;

    /// <summary>Gets or sets the largest p (lanes) a stored hash may ask for.</summary>
    /// <value>The default is 8.</value>
    public int MaxParallelism { get; set; } = 8;

    /// <summary>Gets or sets the longest salt (bytes) a stored hash may carry.</summary>
    /// <value>The default is 48, the PHC string format's upper bound.</value>
    public int MaxSaltLength { get; set; } = 48;

    /// <summary>Gets or sets the longest tag (bytes) a stored hash may carry.</summary>
    /// <value>The default is 64, the PHC string format's upper bound.</value>
    public int MaxHashLength { get; set; } = 64;

    /// <summary>
    /// Gets or sets the largest PBKDF2 iteration count a legacy ASP.NET Core Identity V3 hash may ask for
    /// (the Identity adapter only).
    /// </summary>
    /// <value>The default is 1000000 (Identity writes 100000).</value>
    public int MaxLegacyIterations { get; set; } = 1_000_000;
}
