namespace SecureApi.Toolkit.RateLimiting.Resilience;

/// <summary>Who answered a request's rate-limit decision.</summary>
internal enum DecisionSource
{
    /// <summary>The configured store.</summary>
    Store,

    /// <summary>The local deny cache: the partition was refused recently and its retry-after has not passed.</summary>
    DenyCache,

    /// <summary>The store was unavailable; the policies' fail modes answered.</summary>
    FailMode,
}
