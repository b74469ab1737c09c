namespace SecureApi.Toolkit.Stores;

/// <summary>
/// Keeps the callers that are suspended (temporarily refused) and how often each offended, so repeated offences
/// escalate. Every operation is atomic; a shared store tells every subscribed instance about each change.
/// </summary>
public interface ISuspensionStore
{
    /// <summary>
    /// Suspends <paramref name="callerId"/> unless an unexpired suspension exists (then that one is returned unchanged,
    /// so repeated detections during a suspension never extend it), unless <see cref="SuspensionRequest.Replace"/> is set.
    /// A new suspension counts one more offence (offences are remembered for <see cref="SuspensionRequest.OffenceMemory"/>
    /// after the latest suspension ends) and lasts
    /// <c>min(BaseDuration × Multiplier^(offence − 1) × JitterFactor, MaxDuration)</c>.
    /// </summary>
    /// <param name="callerId">The caller id, for example <c>ip:203.0.113.7</c> or <c>sub:alice</c>.</param>
    /// <param name="request">How long, why, and how to escalate.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The suspension in force and whether this call created it.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<SuspensionOutcome> SuspendAsync(string callerId, SuspensionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets the unexpired suspension of <paramref name="callerId"/>.</summary>
    /// <param name="callerId">The caller id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The suspension, or <see langword="null"/> when the caller is not suspended.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<Suspension?> GetAsync(string callerId, CancellationToken cancellationToken = default);

    /// <summary>Lifts the suspension of <paramref name="callerId"/>; its offence count is kept for escalation unless <paramref name="forgetOffences"/>.</summary>
    /// <param name="callerId">The caller id.</param>
    /// <param name="forgetOffences">Whether to forget the caller's earlier offences too.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when an unexpired suspension was lifted.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> LiftAsync(string callerId, bool forgetOffences = false, CancellationToken cancellationToken = default);

    /// <summary>Lists the unexpired suspensions, so an instance can fill its local cache when it starts or resynchronizes.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The suspensions in force, each as a <see cref="SuspensionChange"/> with its <see cref="SuspensionChange.Remaining"/>
    /// time by the store's clock (so an instance whose clock differs computes the end by its own).
    /// </returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<IReadOnlyList<SuspensionChange>> GetActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onChange"/> for every suspension made or lifted from now on, by this instance or, for a
    /// shared store, any other. Delivery is best effort (a shared store may miss changes while disconnected), so
    /// subscribers also resynchronize with <see cref="GetActiveAsync"/> from time to time.
    /// </summary>
    /// <param name="onChange">Called for each change; must be fast and must not throw.</param>
    /// <param name="cancellationToken">Cancels the subscription attempt.</param>
    /// <returns>Disposing it ends the subscription.</returns>
    /// <exception cref="StoreUnavailableException">The store could not subscribe.</exception>
    ValueTask<IAsyncDisposable> SubscribeAsync(Action<SuspensionChange> onChange, CancellationToken cancellationToken = default);
}
