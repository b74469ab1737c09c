namespace SecureApi.Toolkit.Stores;

/// <summary>Keeps API key records by key id. Records hold keyed hashes only, never keys.</summary>
public interface IApiKeyStore
{
    /// <summary>Adds <paramref name="record"/> unless a record with its key id exists.</summary>
    /// <param name="record">The new record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> when the key id is taken.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> CreateAsync(ApiKeyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Finds the record of <paramref name="keyId"/>.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Marks the key revoked at <paramref name="revokedAt"/>; a key revoked earlier keeps its first date.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="revokedAt">When it was revoked.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the key exists; <see langword="false"/> when it does not.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);

    /// <summary>Records that the key was used at <paramref name="usedAt"/>; an older time never overwrites a newer one.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="usedAt">When it was used.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when recorded.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask RecordUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default);
}
