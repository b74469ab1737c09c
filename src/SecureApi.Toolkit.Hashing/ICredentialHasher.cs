namespace SecureApi.Toolkit.Hashing;

/// <summary>
/// Hashes secrets (passwords, client secrets) to Argon2id PHC strings and verifies secrets against them.
/// Registered by <c>api.AddArgon2Hashing()</c>.
/// </summary>
public interface ICredentialHasher
{
    /// <summary>
    /// Hashes <paramref name="secret"/> with a fresh random salt under the current parameters and pepper.
    /// </summary>
    /// <param name="secret">The secret; must not be empty.</param>
    /// <param name="cancellationToken">Cancels waiting for admission; a hash that started runs to the end.</param>
    /// <returns>The PHC string, for example <c>$argon2id$v=19$m=19456,t=2,p=1$…$…</c>.</returns>
    /// <exception cref="HashingOverloadedException">The memory budget refused the work (queue full or queue timeout).</exception>
    ValueTask<string> HashAsync(string secret, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies <paramref name="secret"/> against a stored PHC string. A hostile or malformed stored string is refused
    /// before any memory is allocated for it.
    /// </summary>
    /// <param name="secret">The secret presented by the caller; must not be empty.</param>
    /// <param name="phcHash">The stored PHC string.</param>
    /// <param name="cancellationToken">Cancels waiting for admission; a verification that started runs to the end.</param>
    /// <returns>The outcome; see <see cref="CredentialVerification.Status"/> and <see cref="CredentialVerification.Reason"/>.</returns>
    ValueTask<CredentialVerification> VerifyAsync(string secret, string phcHash, CancellationToken cancellationToken = default);
}
