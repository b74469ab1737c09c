namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>A settable <see cref="HttpSignatureMessage"/>, for tests, tools and non-HTTP transports.</summary>
public sealed class InMemoryHttpMessage : HttpSignatureMessage
{
    // Lines grouped by name (case-insensitive), in order, so a lookup returns the stored list without allocating.
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _trailers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a request message.</summary>
    /// <param name="method">The method.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="authority">The authority.</param>
    /// <param name="requestTarget">The raw request target.</param>
    /// <returns>The message.</returns>
    public static InMemoryHttpMessage CreateRequest(string method, string scheme, string authority, string requestTarget) =>
        new() { MethodValue = method, SchemeValue = scheme, AuthorityValue = authority, RequestTargetValue = requestTarget };

    /// <summary>Creates a response message.</summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="request">The request it answers, if known.</param>
    /// <returns>The message.</returns>
    public static InMemoryHttpMessage CreateResponse(int statusCode, HttpSignatureMessage? request = null) =>
        new() { StatusCodeValue = statusCode, RequestValue = request };

    /// <inheritdoc/>
    /// <value>The default is <see langword="null"/>.</value>
    public override string? Method => MethodValue;

    /// <inheritdoc/>
    public override string? Scheme => SchemeValue;

    /// <inheritdoc/>
    public override string? Authority => AuthorityValue;

    /// <inheritdoc/>
    public override string? RequestTarget => RequestTargetValue;

    /// <inheritdoc/>
    public override int? StatusCode => StatusCodeValue;

    /// <inheritdoc/>
    public override HttpSignatureMessage? Request => RequestValue;

    private string? MethodValue { get; init; }

    private string? SchemeValue { get; init; }

    private string? AuthorityValue { get; init; }

    private string? RequestTargetValue { get; init; }

    private int? StatusCodeValue { get; init; }

    private HttpSignatureMessage? RequestValue { get; init; }

    /// <summary>Appends a header field line.</summary>
    /// <param name="name">The field name (any case).</param>
    /// <param name="value">The field line value as sent.</param>
    /// <returns>This message, for chaining.</returns>
    public InMemoryHttpMessage AddField(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Add(_fields, name, value);
        return this;
    }

    /// <summary>Appends a trailer field line.</summary>
    /// <param name="name">The field name (any case).</param>
    /// <param name="value">The field line value as sent.</param>
    /// <returns>This message, for chaining.</returns>
    public InMemoryHttpMessage AddTrailer(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Add(_trailers, name, value);
        return this;
    }

    /// <summary>Removes every line of a header field.</summary>
    /// <param name="name">The field name (any case).</param>
    /// <returns>This message, for chaining.</returns>
    public InMemoryHttpMessage RemoveField(string name)
    {
        _fields.Remove(name);
        return this;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string>? GetFieldValues(string name, bool trailer) =>
        (trailer ? _trailers : _fields).TryGetValue(name, out var values) ? values : null;

    private static void Add(Dictionary<string, List<string>> fields, string name, string value)
    {
        if (!fields.TryGetValue(name, out var lines))
        {
            fields[name] = lines = [];
        }

        lines.Add(value);
    }
}
