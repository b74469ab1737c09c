namespace SecureApi.Toolkit.Stores;

/// <summary>
/// Remembers nonces for as long as the message carrying them could still be accepted, so a replayed message is
/// recognised. The insert is atomic: of two concurrent records of one nonce, exactly one succeeds.
/// </summary>
public interface IReplayNonceStore
{
    /// <summary>Records <paramref name="nonce"/> in <paramref name="scope"/> if it is not already there.</summary>
    /// <param name="scope">Who issued the nonce, for example the key id; nonces of different scopes never collide.</param>
    /// <param name="nonce">The nonce.</param>
    /// <param name="lifetime">How long to remember it: the validity window of the message. Must be positive.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> on first use; <see langword="false"/> when the nonce was seen already (a replay).</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> TryRecordAsync(string scope, string nonce, TimeSpan lifetime, CancellationToken cancellationToken = default);
}
