namespace SecureApi.Toolkit.RateLimiting.Algorithms;

/// <summary>
/// The stored state of one partition of one rule, as plain numbers so the in-memory store and the Redis scripts
/// keep the same shape. Meaning per algorithm: GCRA A = theoretical arrival time; token bucket A = tokens,
/// B = last refill; fixed window A = window start, B = count; sliding window A = current bucket start,
/// B = current count, C = previous count. Times are microseconds since the Unix epoch.
/// </summary>
internal struct RateLimitState
{
    public bool Exists;
    public double A;
    public double B;
    public double C;
}
