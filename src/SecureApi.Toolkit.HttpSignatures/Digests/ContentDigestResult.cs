namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>The outcome of checking a <c>Content-Digest</c> against a body.</summary>
public enum ContentDigestResult
{
    /// <summary>The digest matches the body.</summary>
    Valid = 1,

    /// <summary>The field is absent.</summary>
    Missing = 2,

    /// <summary>The field is not a dictionary of byte sequences, or a digest has the wrong length.</summary>
    Malformed = 3,

    /// <summary>No digest uses an accepted algorithm.</summary>
    UnsupportedAlgorithm = 4,

    /// <summary>The digest does not match the body.</summary>
    Mismatch = 5,
}
