namespace SecureApi.Toolkit.Hashing;

/// <summary>
/// Thrown by <see cref="ICredentialHasher.HashAsync"/> (and the Identity adapter) when the memory budget refuses the
/// work. Answer 503 (or 429) with <c>Retry-After</c>; the process stays within its memory budget.
/// </summary>
public sealed class HashingOverloadedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="HashingOverloadedException"/> class.</summary>
    public HashingOverloadedException()
        : this(CredentialVerificationReason.QueueFull)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HashingOverloadedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public HashingOverloadedException(string message)
        : base(message)
    {
        Reason = CredentialVerificationReason.QueueFull;
    }

    /// <summary>Initializes a new instance of the <see cref="HashingOverloadedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HashingOverloadedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = CredentialVerificationReason.QueueFull;
    }

    /// <summary>Initializes a new instance of the <see cref="HashingOverloadedException"/> class.</summary>
    /// <param name="reason"><see cref="CredentialVerificationReason.QueueFull"/> or <see cref="CredentialVerificationReason.QueueTimeout"/>.</param>
    public HashingOverloadedException(CredentialVerificationReason reason)
        : base(reason == CredentialVerificationReason.QueueTimeout
            ? "Credential hashing is overloaded: the work waited longer than the queue timeout for memory."
            : "Credential hashing is overloaded: the admission queue is full.")
    {
        Reason = reason;
    }

    /// <summary>Gets why the work was refused.</summary>
    /// <value>The default is <see cref="CredentialVerificationReason.QueueFull"/>.</value>
    public CredentialVerificationReason Reason { get; }
}
