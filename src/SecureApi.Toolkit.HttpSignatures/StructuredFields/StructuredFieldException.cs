namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>A structured field could not be parsed or serialized. <see cref="Error"/> says why; the message never echoes the input.</summary>
public sealed class StructuredFieldException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public StructuredFieldException()
        : this(StructuredFieldError.InvalidCharacter, -1)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public StructuredFieldException(string message)
        : base(message)
    {
        Error = StructuredFieldError.InvalidCharacter;
        Position = -1;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public StructuredFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = StructuredFieldError.InvalidCharacter;
        Position = -1;
    }

    /// <summary>Creates the exception for <paramref name="error"/> at <paramref name="position"/>.</summary>
    /// <param name="error">Why parsing or serializing failed.</param>
    /// <param name="position">The zero-based character offset in the input, or -1 when serializing.</param>
    public StructuredFieldException(StructuredFieldError error, int position)
        : base(position >= 0 ? $"Invalid structured field: {error} at offset {position}." : $"Cannot serialize structured field: {error}.")
    {
        Error = error;
        Position = position;
    }

    /// <summary>Gets why parsing or serializing failed.</summary>
    public StructuredFieldError Error { get; }

    /// <summary>Gets the zero-based offset in the input where parsing failed, or -1 when serializing.</summary>
    public int Position { get; }
}
