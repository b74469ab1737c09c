namespace SecureApi.Toolkit.Tokens;

/// <summary>Settings of API keys and of the API-key authentication scheme.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>
    /// Gets or sets the prefix every key starts with (followed by <c>_</c>), so secret scanners can recognise leaked
    /// keys of this API. Lowercase letters and digits, 2 to 16 characters.
    /// </summary>
    /// <value>The default is <c>sak</c>.</value>
    public string Prefix { get; set; } = "sak";

    /// <summary>
    /// Gets or sets the server key of the HMAC-SHA256 keyed hash that keys are stored as: at least 32 random bytes, kept
    /// out of the key store (for example in a key vault). Changing it invalidates every key.
    /// </summary>
    /// <value>The default is <see langword="null"/>; it must be set.</value>
#pragma warning disable CA1819 // A key is bytes; the array is copied on use.
    public byte[]? HashKey { get; set; }
#pragma warning restore CA1819

    /// <summary>
    /// Gets or sets a header that carries the key alone (for example <c>X-Api-Key</c>), accepted besides
    /// <c>Authorization: ApiKey &lt;key&gt;</c>.
    /// </summary>
    /// <value>The default is <see langword="null"/>: only the <c>Authorization</c> header.</value>
    public string? HeaderName { get; set; }

    /// <summary>Gets or sets the lifetime of new keys when the creator does not choose one.</summary>
    /// <value>The default is 90 days.</value>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Gets or sets how stale the last-used time may get: a use is written at most this often per key.</summary>
    /// <value>The default is 1 minute.</value>
    public TimeSpan LastUsedResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how many verified keys this instance remembers, so that a key presented again is checked with one
    /// constant-time comparison instead of an HMAC-SHA256 (the largest cost of authenticating a key). The record is
    /// still read from the store on every request: revocation, expiry and permission changes are never delayed.
    /// The trade-off: the remembered keys sit in process memory (zeroed when dropped) for up to 10 minutes after their
    /// verification; set 0 to keep no key beyond its request.
    /// </summary>
    /// <value>The default is 10,000.</value>
    public int VerifiedKeyCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets whether a key that belongs to a client authenticates as that client: its principal's <c>sub</c> is
    /// the client id, so every key of one client is one caller (<c>key:&lt;client id&gt;</c>) with one rate-limit budget
    /// and one anomaly identity, as the tokens of one subject are. The key id stays in
    /// <see cref="ApiKeyClaimTypes.KeyId"/>. When <see langword="false"/>, or for a key without a client, <c>sub</c> is
    /// the key id and each key is its own caller.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CallerIsClient { get; set; } = true;
}
