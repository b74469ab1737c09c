using System.Security.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Signs every outgoing request (RFC 9421) and adds a Content-Digest (RFC 9530) when it has a body. Registered by
/// <c>AddHttpMessageSigning()</c> as the innermost handler, so it signs the request exactly as it leaves, after every
/// other handler changed it, and signs again on each retry with a fresh <c>created</c> and <c>nonce</c>.
/// </summary>
public sealed class HttpMessageSigningHandler : DelegatingHandler
{
    private readonly HttpMessageSigningOptions _options;
    private readonly HttpMessageSigner _signer;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">The signing options.</param>
    /// <param name="algorithms">The algorithms available.</param>
    /// <param name="time">The clock for <c>created</c> and <c>expires</c>.</param>
    public HttpMessageSigningHandler(HttpMessageSigningOptions options, HttpSignatureAlgorithmRegistry algorithms, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(algorithms);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _signer = new HttpMessageSigner(algorithms);
        _time = time;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await SignAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    internal async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_options.Keys.Count == 0)
        {
            throw new InvalidOperationException("HttpMessageSigningOptions.Keys is empty: add a signing key in AddHttpMessageSigning(o => o.Keys.Add(...)).");
        }

        // A retry reuses the request object: drop the previous attempt's signature before signing again.
        request.Headers.Remove("Signature");
        request.Headers.Remove("Signature-Input");

        var hasBody = request.Content is not null && (request.Content.Headers.ContentLength is not 0);
        if (hasBody)
        {
            // Buffer once (HttpClient would for a retry anyway) and hash that buffer as a stream.
            await request.Content!.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var stream = await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var digest = await ContentDigest.CreateAsync(stream, _options.ContentDigestAlgorithm, cancellationToken).ConfigureAwait(false);
            if (stream.CanSeek)
            {
                stream.Position = 0;
            }

            request.Content.Headers.Remove("Content-Digest");
            request.Content.Headers.TryAddWithoutValidation("Content-Digest", digest);
            hasBody = request.Content.Headers.ContentLength is not 0;
        }

        var message = new HttpRequestMessageSignatureMessage(request);
        var now = _time.GetUtcNow();
        var inputs = new List<string>(_options.Keys.Count);
        var signatures = new List<string>(_options.Keys.Count);
        for (var i = 0; i < _options.Keys.Count; i++)
        {
            var parameters = new HttpSignatureSigningParameters
            {
                Label = "sig" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Created = now,
                Expires = now + _options.ExpiresAfter,
                Nonce = _options.IncludeNonce ? NewNonce() : null,
                IncludeAlgorithm = _options.IncludeAlgorithm,
                Tag = _options.Tag,
            };
            foreach (var component in hasBody ? _options.ComponentsWithBody : _options.Components)
            {
                parameters.Components.Add(component);
            }

            var signature = await _signer.SignAsync(message, parameters, _options.Keys[i], cancellationToken).ConfigureAwait(false);
            inputs.Add(signature.SignatureInput);
            signatures.Add(signature.Signature);
        }

        request.Headers.TryAddWithoutValidation("Signature-Input", string.Join(", ", inputs));
        request.Headers.TryAddWithoutValidation("Signature", string.Join(", ", signatures));
    }

    private static string NewNonce()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
