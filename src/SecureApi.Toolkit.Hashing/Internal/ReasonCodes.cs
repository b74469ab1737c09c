namespace SecureApi.Toolkit.Hashing.Internal;

/// <summary>Stable kebab-case codes for logs, metric tags and security signals.</summary>
internal static class ReasonCodes
{
    public static string For(CredentialVerificationReason reason) => reason switch
    {
        CredentialVerificationReason.None => "none",
        CredentialVerificationReason.Mismatch => "mismatch",
        CredentialVerificationReason.ParametersBelowPolicy => "parameters-below-policy",
        CredentialVerificationReason.PepperRotated => "pepper-rotated",
        CredentialVerificationReason.LegacyFormat => "legacy-format",
        CredentialVerificationReason.NonCanonicalParameterOrder => "non-canonical-parameter-order",
        CredentialVerificationReason.MalformedHash => "malformed-hash",
        CredentialVerificationReason.UnsupportedVersion => "unsupported-version",
        CredentialVerificationReason.MemoryAboveCeiling => "memory-above-ceiling",
        CredentialVerificationReason.IterationsAboveCeiling => "iterations-above-ceiling",
        CredentialVerificationReason.ParallelismAboveCeiling => "parallelism-above-ceiling",
        CredentialVerificationReason.SaltLengthAboveCeiling => "salt-length-above-ceiling",
        CredentialVerificationReason.HashLengthAboveCeiling => "hash-length-above-ceiling",
        CredentialVerificationReason.LegacyIterationsAboveCeiling => "legacy-iterations-above-ceiling",
        CredentialVerificationReason.UnknownPepper => "unknown-pepper",
        CredentialVerificationReason.EngineLimitation => "engine-limitation",
        CredentialVerificationReason.QueueFull => "queue-full",
        CredentialVerificationReason.QueueTimeout => "queue-timeout",
        _ => "other",
    };

    public static string For(CredentialVerificationStatus status) => status switch
    {
        CredentialVerificationStatus.Failed => "failed",
        CredentialVerificationStatus.Success => "success",
        CredentialVerificationStatus.SuccessRehashNeeded => "success-rehash-needed",
        CredentialVerificationStatus.Malformed => "malformed",
        CredentialVerificationStatus.RejectedByPolicy => "rejected-by-policy",
        CredentialVerificationStatus.Overloaded => "overloaded",
        CredentialVerificationStatus.Unsupported => "unsupported",
        _ => "other",
    };
}
