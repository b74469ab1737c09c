using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Verifies the RFC 9421 signatures of a message against a policy. Cheap checks (syntax, coverage, time, key,
/// algorithm) run before the signature base is built and the cryptographic check runs. The replay (nonce) check is
/// the caller's, after success, so that an invalid signature never consumes a nonce.
/// </summary>
/// <param name="keys">Finds keys by id.</param>
/// <param name="algorithms">The algorithms available.</param>
/// <param name="time">The clock.</param>
public sealed class HttpMessageSignatureVerifier(IHttpSignatureKeyResolver keys, HttpSignatureAlgorithmRegistry algorithms, TimeProvider time)
{
    /// <summary>Gets whether the fast reader is tried first; tests turn it off to compare it with the strict path.</summary>
    internal bool FastPathEnabled { get; init; } = true;

    /// <summary>Verifies <paramref name="message"/>: succeeds when one signature satisfies <paramref name="policy"/> and verifies.</summary>
    /// <param name="message">The message.</param>
    /// <param name="policy">The verification policy.</param>
    /// <param name="cancellationToken">Cancels key resolution and asynchronous algorithms.</param>
    /// <returns>The result; on failure, the reason of the first candidate signature examined.</returns>
    public async ValueTask<HttpSignatureVerificationResult> VerifyAsync(HttpSignatureMessage message, HttpSignatureVerificationPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(policy);

        var inputLines = message.GetFieldValues("signature-input", trailer: false);
        var signatureLines = message.GetFieldValues("signature", trailer: false);
        if (inputLines is null && signatureLines is null)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.Missing, "The message has no Signature-Input and no Signature field.");
        }

        if (inputLines is null || signatureLines is null)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.Malformed, "Signature-Input and Signature must both be present.");
        }

        // The common shape (one member each, canonical) is read without structured-field objects; anything else,
        // and every case the fast reader declines, goes through the strict parser below.
        if (FastPathEnabled && inputLines.Count == 1 && signatureLines.Count == 1 && policy.MaxSignatures >= 1
            && SignatureFastPath.TryRead(inputLines[0], signatureLines[0], out var fast))
        {
            try
            {
                if (policy.Label is null || string.Equals(policy.Label, fast.Label, StringComparison.Ordinal))
                {
                    return await VerifyCandidateAsync(message, policy, fast.Label, fast.Parameters, fast.Parameters.KeyId!, fast.Covered, null, fast.Input, fast.InnerListStart, fast.InnerListLength, fast.Signature, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                fast.Return();
            }
        }

        SfDictionary inputs, signatures;
        try
        {
            inputs = StructuredFieldParser.ParseDictionary(Join(inputLines));
            signatures = StructuredFieldParser.ParseDictionary(Join(signatureLines));
        }
        catch (StructuredFieldException ex)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.Malformed, "Signature-Input or Signature is not a valid dictionary: " + ex.Error + ".");
        }

        HttpSignatureVerificationResult? firstFailure = null;
        var examined = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var (label, member) = inputs[i];
            if (policy.Label is not null && !string.Equals(label, policy.Label, StringComparison.Ordinal))
            {
                continue;
            }

            if (++examined > policy.MaxSignatures)
            {
                break;
            }

            var result = await VerifyOneAsync(message, policy, label, member, signatures, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return result;
            }

            firstFailure ??= result;
        }

        return firstFailure ?? HttpSignatureVerificationResult.Fail(HttpSignatureError.Missing, "No signature carries the required label.");
    }

    private async ValueTask<HttpSignatureVerificationResult> VerifyOneAsync(
        HttpSignatureMessage message, HttpSignatureVerificationPolicy policy, string label, SfMember member, SfDictionary signatures, CancellationToken cancellationToken)
    {
        if (member is not SfInnerList input)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.Malformed, "A Signature-Input member is not an inner list.");
        }

        if (!signatures.TryGetValue(label, out var signatureMember) || signatureMember is not SfItem { Value: byte[] signature })
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.Malformed, "The Signature field has no byte sequence for the label.");
        }

        SignatureParameters parameters;
        try
        {
            parameters = SignatureParameters.Read(input.Parameters);
        }
        catch (HttpSignatureException ex)
        {
            return HttpSignatureVerificationResult.Fail(ex.Error, ex.Message);
        }

        var keyId = parameters.KeyId;
        if (keyId is null)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.Malformed, "The signature has no keyid.");
        }

        for (var i = 0; i < input.Items.Count; i++)
        {
            if (input.Items[i].Value is not string)
            {
                return HttpSignatureVerificationResult.Fail(HttpSignatureError.Malformed, "A covered component identifier is not a string.", keyId);
            }
        }

        var covered = HttpSignatureVerificationResult.Covered(input);
        return await VerifyCandidateAsync(message, policy, label, parameters, keyId, covered, input, null, 0, 0, signature, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The checks after parsing, shared by the strict path (<paramref name="input"/> set) and the fast path
    /// (<paramref name="rawInput"/> set: plain component names, and a canonical inner list at <paramref name="innerListStart"/>, <paramref name="innerListLength"/>).
    /// </summary>
    private async ValueTask<HttpSignatureVerificationResult> VerifyCandidateAsync(
        HttpSignatureMessage message,
        HttpSignatureVerificationPolicy policy,
        string label,
        SignatureParameters parameters,
        string keyId,
        IReadOnlyList<string> covered,
        SfInnerList? input,
        string? rawInput,
        int innerListStart,
        int innerListLength,
        ReadOnlyMemory<byte> signature,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < policy.RequiredComponents.Count; i++)
        {
            var required = policy.RequiredComponents[i];
            if (!ContainsOrdinal(covered, required))
            {
                return HttpSignatureVerificationResult.Fail(HttpSignatureError.InsufficientCoverage, "A required component is not covered: " + required + ".", keyId);
            }
        }

        if (policy.RequireNonce && parameters.Nonce is null)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.InsufficientCoverage, "The policy requires a nonce.", keyId);
        }

        if (policy.RequiredTag is not null && !string.Equals(policy.RequiredTag, parameters.Tag, StringComparison.Ordinal))
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.InsufficientCoverage, "The signature does not carry the required tag.", keyId);
        }

        var now = time.GetUtcNow();
        if (parameters.Created is not { } created)
        {
            if (policy.RequireCreated)
            {
                return HttpSignatureVerificationResult.Fail(HttpSignatureError.InsufficientCoverage, "The policy requires created.", keyId);
            }
        }
        else
        {
            if (created > now + policy.AllowedFutureSkew)
            {
                return HttpSignatureVerificationResult.Fail(HttpSignatureError.FromFuture, "created is in the future beyond the allowed skew.", keyId);
            }

            if (created < now - policy.MaxAge)
            {
                return HttpSignatureVerificationResult.Fail(HttpSignatureError.TooOld, "created is older than the maximum age.", keyId);
            }
        }

        if (parameters.Expires is { } expires)
        {
            if (parameters.Created is { } c && expires < c)
            {
                return HttpSignatureVerificationResult.Fail(HttpSignatureError.Malformed, "expires is before created.", keyId);
            }

            if (now >= expires)
            {
                return HttpSignatureVerificationResult.Fail(HttpSignatureError.Expired, "The signature has expired.", keyId);
            }
        }
        else if (policy.RequireExpires)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.InsufficientCoverage, "The policy requires expires.", keyId);
        }

        if (parameters.Algorithm is { } named && !IsAllowedByPolicy(policy, named))
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.AlgorithmNotAllowed, "The algorithm is not allowed by the policy.", keyId);
        }

        // The base is built before the key is looked up: a missing or invalid component is then reported the same
        // way whether the key id exists or not, so the reason cannot tell a caller which key ids are valid.
        byte[] signatureBase;
        int baseLength;
        try
        {
            signatureBase = input is not null
                ? HttpSignatureBase.CreatePooled(message, input, out baseLength)
                : HttpSignatureBase.CreatePooled(message, covered, rawInput.AsSpan(innerListStart, innerListLength), out baseLength);
        }
        catch (HttpSignatureException ex)
        {
            return HttpSignatureVerificationResult.Fail(ex.Error, ex.Message, keyId);
        }
        catch (StructuredFieldException ex)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.InvalidComponent, "A component identifier cannot be serialized: " + ex.Error + ".", keyId);
        }

        try
        {
            return await VerifyWithKeyAsync(policy, label, parameters, keyId, covered, signatureBase.AsMemory(0, baseLength), signature, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(signatureBase);
        }
    }

    private async ValueTask<HttpSignatureVerificationResult> VerifyWithKeyAsync(
        HttpSignatureVerificationPolicy policy,
        string label,
        SignatureParameters parameters,
        string keyId,
        IReadOnlyList<string> covered,
        ReadOnlyMemory<byte> signatureBase,
        ReadOnlyMemory<byte> signature,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        HttpSignatureKey? key;
        try
        {
            key = await keys.ResolveAsync(keyId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.Unavailable, "The key resolver failed: " + ex.GetType().Name + ".", keyId);
        }

        if (key is null || !key.IsValidAt(now))
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.UnknownKey, key is null ? "The key id is unknown." : "The key is outside its validity window.", keyId);
        }

        var algorithmName = parameters.Algorithm ?? key.Algorithms[0];
        if (!ContainsOrdinal(key.Algorithms, algorithmName) || !IsAllowedByPolicy(policy, algorithmName)
            || !algorithms.TryGet(algorithmName, out var algorithm) || !algorithm.SupportsKey(key))
        {
            return HttpSignatureVerificationResult.Fail(HttpSignatureError.AlgorithmNotAllowed, "The algorithm is not allowed for the key.", keyId);
        }

        bool valid;
        try
        {
            valid = await algorithm.VerifyAsync(key, signatureBase, signature, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            valid = false;
        }

        return valid
            ? HttpSignatureVerificationResult.Success(label, key, algorithmName, parameters, covered)
            : HttpSignatureVerificationResult.Fail(HttpSignatureError.InvalidSignature, "The signature does not verify.", keyId);
    }

    private static bool IsAllowedByPolicy(HttpSignatureVerificationPolicy policy, string algorithm) =>
        policy.AllowedAlgorithms.Count == 0 || ContainsOrdinal(policy.AllowedAlgorithms, algorithm);

    // Indexed, so the hot path allocates no enumerator.
    private static bool ContainsOrdinal(IList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsOrdinal(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Join(IReadOnlyList<string> lines) => lines.Count == 1 ? lines[0] : string.Join(", ", lines);
}
