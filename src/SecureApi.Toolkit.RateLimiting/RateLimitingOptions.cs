using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting;

/// <summary>Options of SecureApi rate limiting: the policies, the global set, responses, and store resilience.</summary>
public sealed class RateLimitingOptions
{
    /// <summary>Gets the declared policies by name (ordinal).</summary>
    public IDictionary<string, RateLimitPolicy> Policies { get; } = new Dictionary<string, RateLimitPolicy>(StringComparer.Ordinal);

    /// <summary>Gets the names of the policies applied to every endpoint that does not opt out with <c>DisableRateLimiting()</c>.</summary>
    /// <value>The default is empty.</value>
    public IList<string> GlobalPolicies { get; } = [];

    /// <summary>Gets or sets the status code of a refused request.</summary>
    /// <value>The default is 429.</value>
    public int RejectionStatusCode { get; set; } = StatusCodesTooManyRequests;

    /// <summary>Gets or sets whether the IETF <c>RateLimit-Policy</c> and <c>RateLimit</c> fields are sent on allowed responses too (they are always sent on refusals).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool HeadersOnSuccess { get; set; } = true;

    /// <summary>Gets or sets whether the <c>RateLimit</c> field carries a hashed partition key.</summary>
    /// <value>The default is <see cref="RateLimitHeaderPartitionKey.Omit"/>.</value>
    public RateLimitHeaderPartitionKey HeaderPartitionKey { get; set; } = RateLimitHeaderPartitionKey.Omit;

    /// <summary>Gets or sets whether a refused partition is refused locally, without a store call, until its retry-after passes.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool LocalDenyCache { get; set; } = true;

    /// <summary>Gets or sets the share of a limit used after which a <c>RateLimitNearLimit</c> signal is reported, in (0, 1].</summary>
    /// <value>The default is 0.8.</value>
    public double NearLimitRatio { get; set; } = 0.8;

    /// <summary>Gets or sets the most partitions the in-memory store (and the local fallback) tracks; beyond it idle, then least recently used, partitions are dropped.</summary>
    /// <value>The default is 100,000.</value>
    public int MaxTrackedPartitions { get; set; } = 100_000;

    /// <summary>
    /// Gets or sets how long a store call may take before the fail mode applies to that request. It must hold for a
    /// healthy store on a loaded machine: with two instances and CPU load on two cores, the Redis call's p99 measured
    /// 20 to 130 ms (a cold connection and JIT: up to 2 s, which the circuit breaker tolerates as a burst). It equals the
    /// Redis package's default command timeout, so neither cuts the other short.
    /// </summary>
    /// <value>The default is 250 milliseconds.</value>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets the share of failed store calls, over <see cref="CircuitBreakerSamplingDuration"/>, at which the circuit opens, in (0, 1].</summary>
    /// <value>The default is 0.5.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets how many store calls the sampling window must hold before the circuit may open.</summary>
    /// <value>The default is 20.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>
    /// Gets or sets the sliding window over which failures are counted. Timeouts must also have kept happening for a
    /// quarter of it, so a burst of slow calls does not open the circuit; an unavailable store opens it at once.
    /// </summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long the circuit stays open before one request probes the store again (the break duration).</summary>
    /// <value>The default is 500 milliseconds.</value>
    public TimeSpan CircuitBreakerProbeInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Adds a policy, or returns the one already declared with <paramref name="name"/> after updating it.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="limit">The permits per window.</param>
    /// <param name="window">The window.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>The policy, for further settings.</returns>
    public RateLimitPolicy AddPolicy(string name, long limit, TimeSpan window, RateLimitAlgorithm algorithm = RateLimitAlgorithm.Gcra)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Policies.TryGetValue(name, out var existing))
        {
            existing.Algorithm = algorithm;
            existing.Limit = limit;
            existing.Window = window;
            return existing;
        }

        var policy = new RateLimitPolicy(name, algorithm, limit, window);
        Policies[name] = policy;
        return policy;
    }

    /// <summary>Adds a GCRA policy: <paramref name="limit"/> per <paramref name="window"/>, smooth, bursting up to the limit.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="limit">The permits per window.</param>
    /// <param name="window">The window.</param>
    /// <returns>The policy.</returns>
    public RateLimitPolicy AddGcra(string name, long limit, TimeSpan window) => AddPolicy(name, limit, window, RateLimitAlgorithm.Gcra);

    /// <summary>Adds a token-bucket policy: a bucket of <paramref name="capacity"/> tokens refilled entirely over <paramref name="refillWindow"/>.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="capacity">The bucket size.</param>
    /// <param name="refillWindow">How long an empty bucket takes to fill.</param>
    /// <returns>The policy.</returns>
    public RateLimitPolicy AddTokenBucket(string name, long capacity, TimeSpan refillWindow) => AddPolicy(name, capacity, refillWindow, RateLimitAlgorithm.TokenBucket);

    /// <summary>Adds a fixed-window policy.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="limit">The permits per window.</param>
    /// <param name="window">The window.</param>
    /// <param name="align">Start windows on multiples of <paramref name="window"/> since the Unix epoch instead of at the first hit.</param>
    /// <returns>The policy.</returns>
    public RateLimitPolicy AddFixedWindow(string name, long limit, TimeSpan window, bool align = false)
    {
        var policy = AddPolicy(name, limit, window, RateLimitAlgorithm.FixedWindow);
        policy.AlignWindow = align;
        return policy;
    }

    /// <summary>Adds a sliding-window-counter policy.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="limit">The permits per window.</param>
    /// <param name="window">The window.</param>
    /// <returns>The policy.</returns>
    public RateLimitPolicy AddSlidingWindow(string name, long limit, TimeSpan window) => AddPolicy(name, limit, window, RateLimitAlgorithm.SlidingWindow);

    /// <summary>Adds a concurrency policy: at most <paramref name="limit"/> requests in flight per partition.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="limit">The requests in flight.</param>
    /// <param name="leaseLifetime">How long a lease lives if it is never released (a crashed instance); longer than the slowest request.</param>
    /// <returns>The policy.</returns>
    public RateLimitPolicy AddConcurrency(string name, long limit, TimeSpan leaseLifetime) => AddPolicy(name, limit, leaseLifetime, RateLimitAlgorithm.Concurrency);

    private const int StatusCodesTooManyRequests = 429;
}
