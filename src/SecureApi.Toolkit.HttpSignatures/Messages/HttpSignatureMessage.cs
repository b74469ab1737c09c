namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// An HTTP message as RFC 9421 sees it: control data, fields and trailers. Adapters expose an
/// <c>HttpRequestMessage</c>, an ASP.NET Core request or a test message through it. Values are the bytes on the
/// wire as text: the request target is the raw one, never a decoded and re-encoded path or query.
/// </summary>
public abstract class HttpSignatureMessage
{
    /// <summary>Gets the request method, or <see langword="null"/> for a response.</summary>
    public abstract string? Method { get; }

    /// <summary>Gets the URI scheme of the target (<c>https</c>), or <see langword="null"/> for a response.</summary>
    public abstract string? Scheme { get; }

    /// <summary>Gets the authority (host and optional port) of the target, or <see langword="null"/> for a response.</summary>
    public abstract string? Authority { get; }

    /// <summary>Gets the raw request target as sent on the request line (for example <c>/foo?a=b%20c</c>), or <see langword="null"/> for a response.</summary>
    public abstract string? RequestTarget { get; }

    /// <summary>Gets the status code of a response, or <see langword="null"/> for a request.</summary>
    public abstract int? StatusCode { get; }

    /// <summary>Gets the request a response answers, for components marked <c>;req</c>; <see langword="null"/> when unknown or for a request.</summary>
    public abstract HttpSignatureMessage? Request { get; }

    /// <summary>Gets every field line of <paramref name="name"/>, in order, or <see langword="null"/> when the field is absent.</summary>
    /// <param name="name">The field name, lowercase.</param>
    /// <param name="trailer"><see langword="true"/> to read trailers instead of header fields.</param>
    /// <returns>The field line values, or <see langword="null"/> when absent.</returns>
    public abstract IReadOnlyList<string>? GetFieldValues(string name, bool trailer);
}
