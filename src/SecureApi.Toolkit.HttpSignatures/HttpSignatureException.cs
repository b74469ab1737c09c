namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>A signature could not be created or verified. The message names the problem, never key material or the signature base.</summary>
public sealed class HttpSignatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HttpSignatureException()
        : this(HttpSignatureError.Malformed, "The HTTP message signature is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public HttpSignatureException(string message)
        : this(HttpSignatureError.Malformed, message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public HttpSignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = HttpSignatureError.Malformed;
    }

    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    /// <param name="error">Why it failed.</param>
    /// <param name="message">What failed; no secrets.</param>
    public HttpSignatureException(HttpSignatureError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Gets why it failed.</summary>
    public HttpSignatureError Error { get; }
}
