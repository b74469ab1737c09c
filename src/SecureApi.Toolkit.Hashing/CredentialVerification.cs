namespace SecureApi.Toolkit.Hashing;

/// <summary>The result of <see cref="ICredentialHasher.VerifyAsync"/>: a status and the reason behind it.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Reason">The detail behind the outcome.</param>
public readonly record struct CredentialVerification(CredentialVerificationStatus Status, CredentialVerificationReason Reason)
{
    /// <summary>Gets a value indicating whether the secret matched (<see cref="CredentialVerificationStatus.Success"/> or <see cref="CredentialVerificationStatus.SuccessRehashNeeded"/>).</summary>
    public bool Succeeded => Status is CredentialVerificationStatus.Success or CredentialVerificationStatus.SuccessRehashNeeded;

    /// <summary>Gets a value indicating whether the caller should store a fresh hash of the secret.</summary>
    public bool RehashNeeded => Status == CredentialVerificationStatus.SuccessRehashNeeded;

    internal static CredentialVerification Success { get; } = new(CredentialVerificationStatus.Success, CredentialVerificationReason.None);

    internal static CredentialVerification Mismatch { get; } = new(CredentialVerificationStatus.Failed, CredentialVerificationReason.Mismatch);

    internal static CredentialVerification Rehash(CredentialVerificationReason reason) => new(CredentialVerificationStatus.SuccessRehashNeeded, reason);
}
