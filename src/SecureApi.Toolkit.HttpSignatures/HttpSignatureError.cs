namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>Why a signature could not be created or verified. <see cref="HttpSignatureReasons"/> maps each to a stable reason code.</summary>
public enum HttpSignatureError
{
    /// <summary>No signature (or none with the expected label) is present.</summary>
    Missing = 1,

    /// <summary><c>Signature-Input</c> or <c>Signature</c> is not valid (structured-field syntax, types, labels, parameters).</summary>
    Malformed = 2,

    /// <summary>The key id is unknown, or the key is outside its validity window.</summary>
    UnknownKey = 3,

    /// <summary>The algorithm is unknown, not allowed by the policy, or not allowed for the key.</summary>
    AlgorithmNotAllowed = 4,

    /// <summary>The signature's <c>expires</c> time has passed.</summary>
    Expired = 5,

    /// <summary>The signature's <c>created</c> time is older than the policy's maximum age, or absent when required.</summary>
    TooOld = 6,

    /// <summary>The signature's <c>created</c> time is further in the future than the allowed skew.</summary>
    FromFuture = 7,

    /// <summary>The body does not match a covered <c>Content-Digest</c>, or the digest is absent or unusable.</summary>
    DigestMismatch = 8,

    /// <summary>The nonce was seen before.</summary>
    Replayed = 9,

    /// <summary>The cryptographic check failed.</summary>
    InvalidSignature = 10,

    /// <summary>The signature does not cover what the policy requires (a component, a nonce, a tag).</summary>
    InsufficientCoverage = 11,

    /// <summary>A covered component is not present in the message or cannot be derived from it.</summary>
    ComponentMissing = 12,

    /// <summary>A component identifier is invalid (unknown derived component, bad parameter, duplicate).</summary>
    InvalidComponent = 13,

    /// <summary>The key source or the replay store could not answer.</summary>
    Unavailable = 14,
}
