using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Suspensions;

/// <summary>Suspends, lifts and looks up callers by hand (an admin endpoint, a support tool, an <c>IAnomalyHandler</c>).</summary>
public interface ISuspensionService
{
    /// <summary>
    /// Suspends <paramref name="callerId"/> for <paramref name="duration"/>, replacing a suspension in force. Every
    /// instance enforces it: at once on this one, through the store's subscription on the others.
    /// </summary>
    /// <param name="callerId">The caller id, for example <c>sub:alice</c> or <c>ip:203.0.113.7</c>.</param>
    /// <param name="duration">How long. Must be positive.</param>
    /// <param name="reason">A stable reason code for hooks, logs and metrics.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The suspension.</returns>
    /// <exception cref="InvalidOperationException">The caller is on the allow-list.</exception>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<Suspension> SuspendAsync(string callerId, TimeSpan duration, string reason = "manual", CancellationToken cancellationToken = default);

    /// <summary>Lifts the suspension of <paramref name="callerId"/> on every instance.</summary>
    /// <param name="callerId">The caller id.</param>
    /// <param name="forgetOffences">Whether to forget its earlier offences too, so the next suspension starts from the base cool-down.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a suspension in force was lifted.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> LiftAsync(string callerId, bool forgetOffences = false, CancellationToken cancellationToken = default);

    /// <summary>Gets the suspension in force for <paramref name="callerId"/>, from the store.</summary>
    /// <param name="callerId">The caller id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The suspension, or <see langword="null"/>.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<Suspension?> GetAsync(string callerId, CancellationToken cancellationToken = default);

    /// <summary>Lists the suspensions in force, from the store.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The suspensions.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<IReadOnlyList<Suspension>> GetActiveAsync(CancellationToken cancellationToken = default);
}
