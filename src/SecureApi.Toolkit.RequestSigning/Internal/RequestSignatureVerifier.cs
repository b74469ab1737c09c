using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// Verifies one request against a profile in the order that keeps the expensive and the stateful steps last:
/// signatures (syntax, coverage, time, key, algorithm, cryptography), then the body against Content-Digest, then
/// the nonces, so a forged or tampered request never consumes a nonce. No body byte is read for a request until a
/// signature verified (or, for a signature that covers trailers, until its key is known), and never more than the
/// profile's <see cref="SignatureProfile.MaxBufferedBodySize"/>.
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

    public async ValueTask<RequestSignatureOutcome> VerifyAsync(HttpContext context, RequestSigningOptions options, SignatureProfile profile)
    {
        var hasBody = HasBody(context);
        var policy = profile.Policy(hasBody);
        var input = SignatureInputSummary.Read(context.Request.Headers);
        if (input.Count > policy.MaxSignatures)
        {
            // Every signature present is examined (see below); one beyond the cap could verify later, once an earlier
            // one is dropped, with a nonce that was never recorded.
            return RequestSignatureOutcome.Reject(HttpSignatureError.Malformed) with { Detail = "More signatures than the profile examines." };
        }

        if (input.TrailerKeyIds is { } trailerKeyIds)
        {
            // A ;tr component needs the request trailers, which arrive after the body. Wait for them only when such a
            // signature names a key that exists and is valid now; otherwise the request fails without a body byte read.
            if (!await AnyKnownKeyAsync(trailerKeyIds, context.RequestAborted).ConfigureAwait(false))
            {
                return RequestSignatureOutcome.Reject(HttpSignatureError.UnknownKey) with { Detail = "No signature covering a trailer names a known key." };
            }

            if (await RequestBodyBuffer.BufferAsync(context, profile.MaxBufferedBodySize).ConfigureAwait(false) is { } failure)
            {
                return failure;
            }
        }

        var message = new AspNetCoreSignatureMessage(context, options);
        var verified = await VerifyEveryAsync(message, policy, hasBody, profile, input, context.RequestAborted).ConfigureAwait(false);
        if (verified.Failure is { } rejected)
        {
            return RequestSignatureOutcome.Reject(rejected.Error!.Value, rejected);
        }

        var results = verified.Successes!;
        var result = results[0];
        if (hasBody)
        {
            // The profile made content-digest a required covered component, so the digest itself is authentic;
            // now the body must match it. Buffering (bounded) lets the endpoint read the body again afterwards.
            if (await RequestBodyBuffer.BufferAsync(context, profile.MaxBufferedBodySize).ConfigureAwait(false) is { } failure)
            {
                return failure with { Result = result };
            }

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

        return await RecordNoncesAsync(results, profile, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The nonce of every verified signature is recorded, in the namespace of the key's client (not of the key or the
    /// label), and the request is a replay when any of them was seen. Each insert is atomic, so of two requests that
    /// share one verified (client, nonce) at most one is accepted, whatever the order of the inserts; all are made
    /// even after a replay is found, so a refused copy still spends the nonces of its other signatures.
    /// </summary>
    private async ValueTask<RequestSignatureOutcome> RecordNoncesAsync(List<HttpSignatureVerificationResult> results, SignatureProfile profile, CancellationToken cancellationToken)
    {
        var replayed = false;
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Nonce is not { } nonce || IsRecordedEarlier(results, i))
            {
                continue;
            }

            bool first;
            try
            {
                first = await replayStore.TryRecordAsync(ReplayScope(results[i]), nonce, profile.NonceLifetime, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException)
            {
                metrics.ReplayStoreFailure(profile.ReplayStoreFailureMode);
                RequestSigningLog.ReplayStoreUnavailable(logger, profile.ReplayStoreFailureMode);
                return profile.ReplayStoreFailureMode == ReplayStoreFailureMode.FailOpen
                    ? RequestSignatureOutcome.Accept(results[0])
                    : RequestSignatureOutcome.StoreUnavailable(results[0]);
            }

            replayed |= !first;
        }

        return replayed ? RequestSignatureOutcome.Reject(HttpSignatureError.Replayed, results[0]) : RequestSignatureOutcome.Accept(results[0]);
    }

    /// <summary>The caller the key speaks for: signatures of one client by different keys share one nonce namespace.</summary>
    internal static string ReplayScope(HttpSignatureVerificationResult result) => result.Key!.ClientId ?? result.Key.KeyId;

    private static bool IsRecordedEarlier(List<HttpSignatureVerificationResult> results, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(results[j].Nonce, results[index].Nonce, StringComparison.Ordinal)
                && string.Equals(ReplayScope(results[j]), ReplayScope(results[index]), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Verifies every signature present, not only until the first success: a signature that is not checked now is not
    /// recorded now, and could be replayed alone later. One signature (the common case) is one verifier call.
    /// </summary>
    private async ValueTask<(List<HttpSignatureVerificationResult>? Successes, HttpSignatureVerificationResult? Failure)> VerifyEveryAsync(
        AspNetCoreSignatureMessage message, HttpSignatureVerificationPolicy policy, bool hasBody, SignatureProfile profile, SignatureInputSummary input, CancellationToken cancellationToken)
    {
        if (input.Labels is not { Count: > 1 } labels)
        {
            var single = await _verifier.VerifyAsync(message, policy, cancellationToken).ConfigureAwait(false);
            return single.Succeeded ? ([single], null) : (null, single);
        }

        List<HttpSignatureVerificationResult>? successes = null;
        HttpSignatureVerificationResult? firstFailure = null;
        foreach (var label in labels)
        {
            var result = await _verifier.VerifyAsync(message, profile.Policy(hasBody, label), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                (successes ??= []).Add(result);
            }
            else
            {
                firstFailure ??= result;
            }
        }

        return successes is not null ? (successes, null) : (null, firstFailure);
    }

    private async ValueTask<bool> AnyKnownKeyAsync(List<string> keyIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var keyId in keyIds)
        {
            HttpSignatureKey? key;
            try
            {
                key = await keys.ResolveAsync(keyId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The verifier reports the resolver failure itself; here it only means "not known".
                key = null;
            }

            if (key is not null && key.IsValidAt(now))
            {
                return true;
            }
        }

        return false;
    }
}
