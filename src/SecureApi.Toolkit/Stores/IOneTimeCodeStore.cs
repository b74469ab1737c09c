namespace SecureApi.Toolkit.Stores;

/// <summary>
/// Holds one-time codes (for example activation codes) by their hash until they are taken or expire. Taking is atomic:
/// of two concurrent takes of one code, even on two instances, exactly one gets the payload.
/// </summary>
public interface IOneTimeCodeStore
{
    /// <summary>Stores <paramref name="payload"/> under <paramref name="codeHash"/> unless that code exists.</summary>
    /// <param name="purpose">What the code is for, for example <c>activation</c>; codes of different purposes never collide.</param>
    /// <param name="codeHash">A hash of the code; the store never sees the code itself.</param>
    /// <param name="payload">What the code grants, opaque to the store.</param>
    /// <param name="lifetime">How long the code can be taken. Must be positive.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the code exists already.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<bool> TryAddAsync(string purpose, string codeHash, string payload, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>Removes the code and returns its payload, in one atomic step.</summary>
    /// <param name="purpose">What the code is for.</param>
    /// <param name="codeHash">The hash of the presented code.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The payload; <see langword="null"/> when the code is unknown, expired or already taken.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    ValueTask<string?> TryTakeAsync(string purpose, string codeHash, CancellationToken cancellationToken = default);
}
