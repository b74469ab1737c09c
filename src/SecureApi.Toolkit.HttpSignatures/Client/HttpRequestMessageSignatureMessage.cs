namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>An outgoing <see cref="HttpRequestMessage"/> as RFC 9421 sees it: the target as <see cref="Uri"/> sends it, headers and content headers unvalidated.</summary>
internal sealed class HttpRequestMessageSignatureMessage(HttpRequestMessage request) : HttpSignatureMessage
{
    private readonly Uri _uri = request.RequestUri is { IsAbsoluteUri: true } uri
        ? uri
        : throw new InvalidOperationException("A signed request needs an absolute RequestUri (set HttpClient.BaseAddress).");

    public override string? Method => request.Method.Method;

    public override string? Scheme => _uri.Scheme;

    // Uri.Authority drops the default port, as the Host header HttpClient sends does.
    public override string? Authority => _uri.Authority;

    // The same escaped form the handler writes on the request line.
    public override string? RequestTarget => _uri.PathAndQuery;

    public override int? StatusCode => null;

    public override HttpSignatureMessage? Request => null;

    public override IReadOnlyList<string>? GetFieldValues(string name, bool trailer)
    {
        if (trailer)
        {
            return null;
        }

        if (request.Headers.NonValidated.TryGetValues(name, out var values) || (request.Content is not null && request.Content.Headers.NonValidated.TryGetValues(name, out values)))
        {
            return [.. values];
        }

        return null;
    }
}
