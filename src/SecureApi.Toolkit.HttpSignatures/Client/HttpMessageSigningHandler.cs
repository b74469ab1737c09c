using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Signs every outgoing request (RFC 9421) and adds a Content-Digest (RFC 9530) when it has a body. Registered by
/// <c>AddHttpMessageSigning()</c> as the innermost handler, so it signs the request exactly as it leaves, after every
/// other handler changed it, and signs again on each retry with a fresh <c>created</c> and <c>nonce</c>.
/// </summary>
public sealed class HttpMessageSigningHandler : DelegatingHandler
{
    private static readonly string[] Labels = ["sig1", "sig2", "sig3", "sig4"];

    private readonly HttpMessageSigningOptions _options;
    private readonly HttpSignatureAlgorithmRegistry _algorithms;
    private readonly HttpMessageSigner _signer;
    private readonly TimeProvider _time;

    // Per key index: [0] without body, [1] with body. Plans are immutable; a race only builds one twice.
    private HandlerSigningPlan?[] _plans = [];

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
        _algorithms = algorithms;
        _signer = new HttpMessageSigner(algorithms);
        _time = time;
    }

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signing = SignAsync(request, cancellationToken);

        // Signing with an in-process key completes synchronously: skip a second async state machine.
        return signing.IsCompletedSuccessfully ? base.SendAsync(request, cancellationToken) : SendAfterSigningAsync(signing, request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAfterSigningAsync(Task signing, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await signing.ConfigureAwait(false);
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
        var components = hasBody ? _options.ComponentsWithBody : _options.Components;
        // One nonce for all the signatures of this request (one per key during a rotation): whichever of them a server
        // verifies, it records the same nonce for the same client, so dropping or reordering signatures cannot make a
        // captured request look new.
        var nonce = _options.IncludeNonce ? NewNonce() : null;
        string? inputs = null, signatures = null;
        for (var i = 0; i < _options.Keys.Count; i++)
        {
            var label = i < Labels.Length ? Labels[i] : "sig" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var key = _options.Keys[i];
            var plan = Plan(i, hasBody, components, key);
            var signature = plan is not null && _algorithms.TryGet(plan.Algorithm, out var algorithm)
                ? await SignWithPlanAsync(message, plan, algorithm, label, now, nonce, cancellationToken).ConfigureAwait(false)
                : await SignGeneralAsync(message, components, key, label, now, nonce, cancellationToken).ConfigureAwait(false);
            inputs = inputs is null ? signature.SignatureInput : inputs + ", " + signature.SignatureInput;
            signatures = signatures is null ? signature.Signature : signatures + ", " + signature.Signature;
        }

        request.Headers.TryAddWithoutValidation("Signature-Input", inputs);
        request.Headers.TryAddWithoutValidation("Signature", signatures);
    }

    private HandlerSigningPlan? Plan(int index, bool hasBody, IList<string> components, HttpSignatureKey key)
    {
        var plans = _plans;
        var slot = (index * 2) + (hasBody ? 1 : 0);
        if (slot < plans.Length && plans[slot] is { } existing && existing.Matches(components, key, _options.IncludeAlgorithm, _options.Tag))
        {
            return existing;
        }

        var plan = HandlerSigningPlan.TryCreate(components, key, _algorithms, _options.IncludeAlgorithm, _options.Tag);
        var copy = new HandlerSigningPlan?[Math.Max(plans.Length, slot + 1)];
        plans.CopyTo(copy, 0);
        copy[slot] = plan;
        _plans = copy;
        return plan;
    }

    /// <summary>
    /// Plain component names: write the Signature-Input member as text (<c>label=</c> plan list, <c>created</c>,
    /// <c>expires</c>, <c>nonce</c>, plan parameters), which is also the <c>@signature-params</c> value of the base.
    /// </summary>
    private async ValueTask<HttpMessageSignature> SignWithPlanAsync(HttpSignatureMessage message, HandlerSigningPlan plan, IHttpSignatureAlgorithm algorithm, string label, DateTimeOffset now, string? nonce, CancellationToken cancellationToken)
    {
        var member = FormatInputMember(plan, label, now, nonce);
        var parametersStart = label.Length + 1;
        var signatureBase = HttpSignatureBase.CreatePooled(message, plan.Components, member.AsSpan(parametersStart), out var length);
        byte[] signature;
        try
        {
            signature = await algorithm.SignAsync(plan.Key, signatureBase.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signatureBase);
        }

        return new HttpMessageSignature(label, member, FormatSignatureMember(label, signature));
    }

    private string FormatInputMember(HandlerSigningPlan plan, string label, DateTimeOffset now, string? nonce)
    {
        // label=("a" "b");created=N;expires=N;nonce="22 chars" + the plan's alg/keyid/tag.
        var maxLength = label.Length + 1 + plan.ListText.Length + (2 * (";expires=".Length + 20)) + ";nonce=\"\"".Length + NonceChars + plan.TrailingParameters.Length;
        char[]? rented = null;
        var buffer = maxLength <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(maxLength));
        var p = 0;
        Write(buffer, ref p, label);
        buffer[p++] = '=';
        Write(buffer, ref p, plan.ListText);
        Write(buffer, ref p, ";created=");
        now.ToUnixTimeSeconds().TryFormat(buffer[p..], out var written, default, CultureInfo.InvariantCulture);
        p += written;
        if (_options.ExpiresAfter is { } after)
        {
            Write(buffer, ref p, ";expires=");
            (now + after).ToUnixTimeSeconds().TryFormat(buffer[p..], out written, default, CultureInfo.InvariantCulture);
            p += written;
        }

        if (nonce is not null)
        {
            Write(buffer, ref p, ";nonce=\"");
            Write(buffer, ref p, nonce);
            buffer[p++] = '"';
        }

        Write(buffer, ref p, plan.TrailingParameters);
        var text = new string(buffer[..p]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return text;
    }

    private static void Write(Span<char> buffer, ref int position, string text)
    {
        text.AsSpan().CopyTo(buffer[position..]);
        position += text.Length;
    }

    private static string FormatSignatureMember(string label, byte[] signature)
    {
        var base64Length = Base64.GetMaxEncodedToUtf8Length(signature.Length);
        return string.Create(label.Length + base64Length + 3, (label, signature), static (chars, state) =>
        {
            state.label.AsSpan().CopyTo(chars);
            var p = state.label.Length;
            chars[p++] = '=';
            chars[p++] = ':';
            Convert.TryToBase64Chars(state.signature, chars[p..^1], out _);
            chars[^1] = ':';
        });
    }

    private async ValueTask<HttpMessageSignature> SignGeneralAsync(HttpSignatureMessage message, IList<string> components, HttpSignatureKey key, string label, DateTimeOffset now, string? nonce, CancellationToken cancellationToken)
    {
        var parameters = new HttpSignatureSigningParameters
        {
            Label = label,
            Created = now,
            Expires = now + _options.ExpiresAfter,
            Nonce = nonce,
            IncludeAlgorithm = _options.IncludeAlgorithm,
            Tag = _options.Tag,
        };
        foreach (var component in components)
        {
            parameters.Components.Add(component);
        }

        return await _signer.SignAsync(message, parameters, key, cancellationToken).ConfigureAwait(false);
    }

    private const int NonceBytes = 16;
    private const int NonceChars = 22;

    private static string NewNonce()
    {
        Span<byte> bytes = stackalloc byte[NonceBytes];
        NonceSource.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
