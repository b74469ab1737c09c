using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// Verifies one request against a profile in the order that keeps the expensive and the stateful steps last:
/// signature (syntax, coverage, time, key, algorithm, cryptography), then the body against Content-Digest, then
/// the nonce, so a forged or tampered request never consumes a nonce.
/// </summary>
internal sealed class RequestSignatureVerifier(
    IHttpSignatureKeyResolver keys,
    HttpSignatureAlgorithmRegistry algorithms,
    TimeProvider time,
    IReplayNonceStore replayStore,
    RequestSigningMetrics metrics,
    ILogger<RequestSignatureVerifier> logger)
{
    private readonly HttpMessageSignatureVerifier _verifier = new(keys, algorithms, time);

    public static bool HasBody(HttpContext context)
    {
        var length = context.Request.ContentLength;
        if (length is not null)
        {
            return length > 0;
        }

        return context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
    }

    /// <summary>Whether a Signature-Input may cover a trailer (<c>;tr</c>); a false positive only costs reading the body early.</summary>
    internal static bool CoversTrailer(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue("Signature-Input", out var inputs))
        {
            return false;
        }

        foreach (var input in inputs)
        {
            if (input is not null && input.Contains(";tr", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<RequestSignatureOutcome> VerifyAsync(HttpContext context, RequestSigningOptions options, SignatureProfile profile)
    {
        var hasBody = HasBody(context);
        if (CoversTrailer(context.Request.Headers))
        {
            // A ;tr component needs the request trailers, which arrive after the body: read the body to the end first
            // (buffered, so the digest check and the endpoint can read it again; bounded by the server's body-size limit).
            context.Request.EnableBuffering();
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            context.Request.Body.Position = 0;
        }

        var message = new AspNetCoreSignatureMessage(context, options);
        var result = await _verifier.VerifyAsync(message, profile.Policy(hasBody), context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return RequestSignatureOutcome.Reject(result.Error!.Value, result);
        }

        if (hasBody)
        {
            // The profile made content-digest a required covered component, so the digest itself is authentic;
            // now the body must match it. Buffering lets the endpoint read the body again afterwards.
            context.Request.EnableBuffering();
            var digest = await ContentDigest.VerifyAsync(
                context.Request.Headers.TryGetValue("Content-Digest", out var values) ? string.Join(", ", values.ToArray()) : null,
                context.Request.Body,
                [.. profile.DigestAlgorithms],
                context.RequestAborted).ConfigureAwait(false);
            context.Request.Body.Position = 0;
            if (digest != ContentDigestResult.Valid)
            {
                return RequestSignatureOutcome.Reject(HttpSignatureError.DigestMismatch, result);
            }
        }

        if (result.Nonce is { } nonce)
        {
            bool first;
            try
            {
                first = await replayStore.TryRecordAsync(result.Key.KeyId, nonce, profile.NonceLifetime, context.RequestAborted).ConfigureAwait(false);
            }
            catch (StoreUnavailableException)
            {
                metrics.ReplayStoreFailure(profile.ReplayStoreFailureMode);
                RequestSigningLog.ReplayStoreUnavailable(logger, profile.ReplayStoreFailureMode);
                return profile.ReplayStoreFailureMode == ReplayStoreFailureMode.FailOpen
                    ? RequestSignatureOutcome.Accept(result)
                    : RequestSignatureOutcome.StoreUnavailable(result);
            }

            if (!first)
            {
                return RequestSignatureOutcome.Reject(HttpSignatureError.Replayed, result);
            }
        }

        return RequestSignatureOutcome.Accept(result);
    }
}
