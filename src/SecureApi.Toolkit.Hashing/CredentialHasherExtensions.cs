using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace SecureApi.Toolkit.Hashing;

/// <summary>Helpers on <see cref="ICredentialHasher"/>.</summary>
public static class CredentialHasherExtensions
{
    // One decoy hash per hasher, made under that hasher's current parameters the first time it is needed.
    private static readonly ConditionalWeakTable<ICredentialHasher, Lazy<Task<string>>> Decoys = new();

    /// <summary>
    /// Spends the same work as a real verification when the account does not exist: verifies
    /// <paramref name="secret"/> against a decoy hash made under the current parameters, through the same memory
    /// budget. Call it on the "no such user" path so response time does not reveal which accounts exist.
    /// The first call also makes the decoy hash (once per hasher); call it at start-up to warm it.
    /// </summary>
    /// <param name="hasher">The hasher.</param>
    /// <param name="secret">The secret the caller presented.</param>
    /// <param name="cancellationToken">Cancels waiting for admission.</param>
    /// <returns>
    /// <see cref="CredentialVerificationStatus.Failed"/>, or <see cref="CredentialVerificationStatus.Overloaded"/> when
    /// the budget refused the work, exactly as a real verification would.
    /// </returns>
    public static async ValueTask<CredentialVerification> VerifyUnknownUserAsync(this ICredentialHasher hasher, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        string decoy;
        try
        {
            decoy = await Decoys.GetValue(hasher, static h => new Lazy<Task<string>>(() => MakeDecoyAsync(h))).Value.ConfigureAwait(false);
        }
        catch (HashingOverloadedException e)
        {
            // Answer as a real verification would under the same load, not with an exception only this path throws.
            return new CredentialVerification(CredentialVerificationStatus.Overloaded, e.Reason);
        }

        var result = await hasher.VerifyAsync(secret, decoy, cancellationToken).ConfigureAwait(false);

        // The decoy's secret is 32 random bytes nobody knows; a match is not a login.
        return result.Succeeded ? new CredentialVerification(CredentialVerificationStatus.Failed, CredentialVerificationReason.Mismatch) : result;
    }

    private static async Task<string> MakeDecoyAsync(ICredentialHasher hasher)
    {
        try
        {
            return await hasher.HashAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).ConfigureAwait(false);
        }
        catch
        {
            // A failed attempt (for example overload) must not poison the cache for the hasher's lifetime.
            Decoys.Remove(hasher);
            throw;
        }
    }
}
