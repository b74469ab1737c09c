namespace SecureApi.Toolkit.Stores;

/// <summary>
/// Thrown by a store when it cannot answer in time (down, slow, or full). Every feature catches it and applies
/// its documented fail mode (open, closed or local fallback); it never reaches a caller.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
        : base("The store is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed; never a key's secret content.</param>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed; never a key's secret content.</param>
    /// <param name="innerException">The store client's exception.</param>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
