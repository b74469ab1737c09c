namespace SecureApi.Toolkit.Stores;

/// <summary>
/// Counts events per key within a window, for anomaly detection. A window opens with the first increment of a key
/// and lasts <c>window</c> from then (the key's time to live); the increment that arrives after it closed opens a new
/// one. Increments are atomic: concurrent increments of one key are all counted, across instances for a shared store.
/// </summary>
public interface IWindowedCounterStore
{
    /// <summary>Adds <paramref name="amount"/> to the counter at <paramref name="key"/>, opening a window when none is open.</summary>
    /// <param name="key">The counter's key, for example <c>anomaly:threshold:auth:ip:203.0.113.7</c>.</param>
    /// <param name="amount">How much to add. Must be positive.</param>
    /// <param name="window">How long a window lasts from its first increment. Must be positive.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The counter's value in the current window, this increment included.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<long> IncrementAsync(string key, long amount, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="member"/> to the set of distinct members at <paramref name="key"/>, opening a window when
    /// none is open, and returns how many distinct members the window holds (enumeration detection).
    /// </summary>
    /// <param name="key">The set's key.</param>
    /// <param name="member">The member, for example a resource id or a path.</param>
    /// <param name="window">How long a window lasts from its first member. Must be positive.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of distinct members in the current window, this one included.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<long> AddDistinctAsync(string key, string member, TimeSpan window, CancellationToken cancellationToken = default);
}
