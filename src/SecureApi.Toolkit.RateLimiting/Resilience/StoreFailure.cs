namespace SecureApi.Toolkit.RateLimiting.Resilience;

/// <summary>How a store call failed, which decides both the breaker's patience and the permit accounting.</summary>
internal enum StoreFailure
{
    /// <summary>
    /// The call took longer than its timeout. The store may be merely slow (a loaded machine, a cold connection) and
    /// may still run the command and take its permits.
    /// </summary>
    Timeout,

    /// <summary>The store refused or could not be reached (connection refused, no connection): the command was not run.</summary>
    Unavailable,
}
