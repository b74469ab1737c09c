namespace SecureApi.Toolkit.Stores;

/// <summary>How a <see cref="RateLimitRule"/> counts permits.</summary>
public enum RateLimitAlgorithm
{
    /// <summary>
    /// Generic cell rate algorithm (the default): <see cref="RateLimitRule.Limit"/> permits per
    /// <see cref="RateLimitRule.Window"/>, spread evenly, with a burst of up to the whole limit. One number per partition.
    /// </summary>
    Gcra = 0,

    /// <summary>
    /// Token bucket: a bucket of <see cref="RateLimitRule.Limit"/> tokens that refills continuously, the whole
    /// bucket in one <see cref="RateLimitRule.Window"/>.
    /// </summary>
    TokenBucket = 1,

    /// <summary>
    /// Fixed window: at most <see cref="RateLimitRule.Limit"/> permits per <see cref="RateLimitRule.Window"/>; the window
    /// starts at the partition's first hit, or on multiples of the window since the Unix epoch when
    /// <see cref="RateLimitRule.AlignWindow"/> is set.
    /// </summary>
    FixedWindow = 2,

    /// <summary>
    /// Sliding-window counter: two aligned buckets; the previous one counts in proportion to how much of it still
    /// overlaps the sliding window.
    /// </summary>
    SlidingWindow = 3,

    /// <summary>
    /// Concurrency: at most <see cref="RateLimitRule.Limit"/> permits held at once, as leases that are released by
    /// the holder or expire after <see cref="RateLimitRule.Window"/>, so a crashed instance cannot leak permits.
    /// </summary>
    Concurrency = 4,
}
