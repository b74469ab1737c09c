namespace SecureApi.Toolkit.Stores;

/// <summary>The answer of a store for one <see cref="RateLimitCheck"/>.</summary>
/// <param name="Allowed">Whether this policy alone had the permits. Permits are taken only when every enforced check of the call allowed.</param>
/// <param name="Remaining">Permits left after this request (or left now, when nothing was taken), never negative.</param>
/// <param name="ResetAfter">How long until the partition has its full limit again (the <c>t</c> of the IETF <c>RateLimit</c> field).</param>
/// <param name="RetryAfter">When refused: how long until a request of the same cost could pass; <see cref="TimeSpan.Zero"/> when allowed.
/// For a cost above the limit, which can never pass, it is the rule's window.</param>
public readonly record struct RateLimitResult(bool Allowed, long Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter);
