using Microsoft.AspNetCore.Http;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting;

/// <summary>
/// A named rate-limit policy: its algorithm and limit, how it partitions requests, what a request costs, and what it
/// does when the store fails. Declared with <see cref="RateLimitingOptions.AddPolicy"/> or its shortcuts.
/// </summary>
public sealed class RateLimitPolicy
{
    private RateLimitRule? _rule;

    internal RateLimitPolicy(string name, RateLimitAlgorithm algorithm, long limit, TimeSpan window)
    {
        Name = name;
        Algorithm = algorithm;
        Limit = limit;
        Window = window;
    }

    /// <summary>Gets the policy name, used by endpoints, in headers, problem bodies, metrics and store keys.</summary>
    public string Name { get; }

    /// <summary>Gets or sets how permits are counted.</summary>
    /// <value>The default is the algorithm given when the policy was added (<see cref="RateLimitAlgorithm.Gcra"/> for <see cref="RateLimitingOptions.AddPolicy"/>).</value>
    public RateLimitAlgorithm Algorithm { get; set; }

    /// <summary>Gets or sets the permits per window (or held at once, for concurrency). At least 1.</summary>
    /// <value>The default is the limit given when the policy was added.</value>
    public long Limit { get; set; }

    /// <summary>Gets or sets the window (for concurrency, the lease lifetime after which a lease that was never released expires).</summary>
    /// <value>The default is the window given when the policy was added.</value>
    public TimeSpan Window { get; set; }

    /// <summary>Gets or sets whether fixed windows start on multiples of <see cref="Window"/> since the Unix epoch instead of at the first hit.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AlignWindow { get; set; }

    /// <summary>
    /// Gets or sets the partition key of a request. Return <see langword="null"/> to exempt the request from this policy.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the caller's id, <c>HttpContext.GetApiCaller().Id</c>.</value>
    public Func<HttpContext, string?>? PartitionKey { get; set; }

    /// <summary>Gets or sets the permits one request takes, unless the endpoint or <see cref="CostSelector"/> says otherwise. At least 1.</summary>
    /// <value>The default is 1.</value>
    public long Cost { get; set; } = 1;

    /// <summary>Gets or sets a function computing a request's cost (for example from the page size). It wins over endpoint costs.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<HttpContext, long>? CostSelector { get; set; }

    /// <summary>Gets or sets whether the policy only counts and reports what it would refuse, never refusing.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Shadow { get; set; }

    /// <summary>Gets or sets what the policy does while its store is unavailable.</summary>
    /// <value>The default is <see cref="RateLimitFailMode.LocalFallback"/>.</value>
    public RateLimitFailMode FailMode { get; set; } = RateLimitFailMode.LocalFallback;

    /// <summary>
    /// Gets or sets the share of <see cref="Limit"/> the local fallback allows on this instance, in (0, 1]. Leave it
    /// <see langword="null"/> to derive it: 1 / the number of live instances the store last reported (Redis counts the
    /// instances that heartbeat; the in-memory store serves one), so the fleet's fallbacks add up to the limit.
    /// </summary>
    /// <value>The default is <see langword="null"/> (derived).</value>
    public double? LocalFallbackShare { get; set; }

    /// <summary>Gets the store rule for the current settings; built once, after options are validated.</summary>
    internal RateLimitRule Rule => _rule ??= new RateLimitRule(Name, Algorithm, Limit, Window, AlignWindow);

    /// <summary>
    /// Gets the rule the local fallback applies for a fleet of <paramref name="liveInstances"/>: the same algorithm and
    /// name with the explicit share of the limit, or limit / live instances (rounded down, at least 1).
    /// </summary>
    internal RateLimitRule FallbackRuleFor(int liveInstances)
    {
        var instances = LocalFallbackShare is null ? Math.Max(1, liveInstances) : 0;
        var cached = _fallback;
        if (cached is not null && cached.Instances == instances)
        {
            return cached.Rule;
        }

        var limit = LocalFallbackShare is { } share ? (long)Math.Floor(Limit * share) : Limit / instances;
        var rule = new RateLimitRule(Name, Algorithm, Math.Max(1, limit), Window, AlignWindow);
        _fallback = new FallbackRule(instances, rule);
        return rule;
    }

    private FallbackRule? _fallback;

    private sealed record FallbackRule(int Instances, RateLimitRule Rule);
}
