namespace SecureApi.Toolkit.Hashing;

/// <summary>
/// Options of <c>api.AddArgon2Hashing()</c>. Validated at start-up: the parameters may not fall below OWASP's
/// Argon2id recommendation (m = 19456 KiB, t = 2, p = 1).
/// </summary>
public sealed class Argon2HashingOptions
{
    /// <summary>The OWASP floor for m (19 MiB), enforced at start-up.</summary>
    public const int MinimumMemoryKiB = 19_456;

    /// <summary>The OWASP floor for t, enforced at start-up.</summary>
    public const int MinimumIterations = 2;

    /// <summary>Gets or sets m, the memory cost of a new hash, in KiB.</summary>
    /// <value>The default is 19456 (19 MiB, OWASP's recommendation).</value>
    public int MemoryKiB { get; set; } = MinimumMemoryKiB;

    /// <summary>Gets or sets t, the number of passes of a new hash.</summary>
    /// <value>The default is 2.</value>
    public int Iterations { get; set; } = MinimumIterations;

    /// <summary>Gets or sets p, the number of lanes of a new hash.</summary>
    /// <value>The default is 1.</value>
    public int Parallelism { get; set; } = 1;

    /// <summary>Gets or sets the salt length of a new hash, in bytes (8 to 48).</summary>
    /// <value>The default is 16.</value>
    public int SaltLength { get; set; } = 16;

    /// <summary>Gets or sets the tag length of a new hash, in bytes (16 to 64).</summary>
    /// <value>The default is 32.</value>
    public int HashLength { get; set; } = 32;

    /// <summary>Gets or sets the engine that computes hashes.</summary>
    /// <value>The default is <see cref="Argon2Engine.Konscious"/>.</value>
    public Argon2Engine Engine { get; set; } = Argon2Engine.Konscious;

    /// <summary>
    /// Gets or sets a value indicating whether a stored hash whose parameters are written <c>m=…,p=…,t=…</c> (the
    /// order of the Node.js <c>argon2</c> package, which the PHC string format permits) is verified. Only that one
    /// permutation is read, with each of m, t and p exactly once and nothing else in the parameter list; it is held
    /// to the same <see cref="VerifyPolicy"/> ceilings, and a match answers
    /// <see cref="CredentialVerificationStatus.SuccessRehashNeeded"/> with
    /// <see cref="CredentialVerificationReason.NonCanonicalParameterOrder"/> so the next login stores the reference
    /// order. When <see langword="false"/>, such a hash is <see cref="CredentialVerificationStatus.Malformed"/>.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool AcceptNodeParameterOrder { get; set; } = true;

    /// <summary>Gets the ceilings applied to stored hashes before they are verified.</summary>
    /// <value>The default is a policy with the defaults documented on <see cref="Argon2VerifyPolicy"/>.</value>
    public Argon2VerifyPolicy VerifyPolicy { get; } = new();

    /// <summary>
    /// Gets or sets the memory all hash and verify operations may use at once, in KiB. Work that does not fit waits
    /// in a queue. Must be at least <see cref="Argon2VerifyPolicy.MaxMemoryKiB"/> and <see cref="MemoryKiB"/>. With
    /// the Konscious engine (which allocates on the managed heap) a finished operation's memory stays counted until
    /// a full garbage collection has reclaimed it; when only that memory keeps queued work out, the hasher runs
    /// the collection, so the budget bounds what the process really holds.
    /// </summary>
    /// <value>The default is 524288 (512 MiB).</value>
    public long MemoryBudgetKiB { get; set; } = 524_288;

    /// <summary>
    /// Gets or sets how many hash and verify operations may compute at once; more wait in the queue like work that
    /// does not fit the memory budget. Argon2 keeps a core busy for the whole computation, so running more operations
    /// than there are cores does not raise throughput, it only holds more memory at once and makes each one slower.
    /// </summary>
    /// <value>The default is <see cref="Environment.ProcessorCount"/>.</value>
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Gets or sets how many operations may wait for memory or a run slot; more are refused at once as overloaded.</summary>
    /// <value>The default is 256.</value>
    public int MaxQueueLength { get; set; } = 256;

    /// <summary>Gets or sets how long an operation may wait for memory before it is refused as overloaded.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets the server-side secrets (Argon2's secret input K) by id. The id (1–8 ASCII letters, digits, '.', '_' or
    /// '-') is written to the PHC string's <c>keyid</c> parameter; keep old peppers here so hashes made under them
    /// still verify (and ask for a rehash). Each pepper must be at least 16 bytes.
    /// </summary>
    /// <value>The default is empty (no pepper).</value>
    public IDictionary<string, byte[]> Peppers { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>Gets or sets the id in <see cref="Peppers"/> that new hashes use, or <see langword="null"/> for none.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? CurrentPepperId { get; set; }
}
