namespace SecureApi.Toolkit.Stores;

/// <summary>Keeps third-party client registrations by client id.</summary>
public interface IClientStore
{
    /// <summary>Adds or replaces the registration of <see cref="ClientRecord.ClientId"/>.</summary>
    /// <param name="record">The registration.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when saved.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask SaveAsync(ClientRecord record, CancellationToken cancellationToken = default);

    /// <summary>Finds the registration of <paramref name="clientId"/>.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The registration, or <see langword="null"/>.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Removes the registration of <paramref name="clientId"/>: its secret stops working.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a registration was removed.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> DeleteAsync(string clientId, CancellationToken cancellationToken = default);
}
