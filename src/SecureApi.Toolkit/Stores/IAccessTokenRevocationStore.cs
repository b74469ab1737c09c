namespace SecureApi.Toolkit.Stores;

/// <summary>
/// Remembers revoked access-token ids (<c>jti</c>) until the token would have expired anyway, so a revoked token is
/// refused before its natural end.
/// </summary>
public interface IAccessTokenRevocationStore
{
    /// <summary>Marks <paramref name="tokenId"/> revoked until <paramref name="expiresAt"/>. Revoking twice is harmless.</summary>
    /// <param name="tokenId">The token's <c>jti</c>.</param>
    /// <param name="expiresAt">The token's <c>exp</c>; the entry is forgotten after it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the revocation is recorded.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Returns whether <paramref name="tokenId"/> is revoked.</summary>
    /// <param name="tokenId">The token's <c>jti</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the token was revoked and has not expired yet.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default);
}
