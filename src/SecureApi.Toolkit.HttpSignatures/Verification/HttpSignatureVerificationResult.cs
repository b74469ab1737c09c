using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>The outcome of verifying a message's signatures.</summary>
public sealed class HttpSignatureVerificationResult
{
    private HttpSignatureVerificationResult()
    {
    }

    /// <summary>Gets whether a signature verified and satisfied the policy.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Label), nameof(Key), nameof(Algorithm), nameof(CoveredComponents))]
    public bool Succeeded => Error is null;

    /// <summary>Gets why verification failed, or <see langword="null"/> on success.</summary>
    public HttpSignatureError? Error { get; private init; }

    /// <summary>Gets a description of the failure for logs: names the check, never key material or the base.</summary>
    public string? FailureDetail { get; private init; }

    /// <summary>Gets the label of the verified signature.</summary>
    public string? Label { get; private init; }

    /// <summary>Gets the key that verified it.</summary>
    public HttpSignatureKey? Key { get; private init; }

    /// <summary>Gets the key id named by the signature (also on failure, when it was readable).</summary>
    public string? KeyId { get; private init; }

    /// <summary>Gets the algorithm used.</summary>
    public string? Algorithm { get; private init; }

    /// <summary>Gets the <c>created</c> time, when present.</summary>
    public DateTimeOffset? Created { get; private init; }

    /// <summary>Gets the <c>expires</c> time, when present.</summary>
    public DateTimeOffset? Expires { get; private init; }

    /// <summary>Gets the <c>nonce</c>, when present.</summary>
    public string? Nonce { get; private init; }

    /// <summary>Gets the <c>tag</c>, when present.</summary>
    public string? Tag { get; private init; }

    /// <summary>Gets the covered component identifiers, serialized.</summary>
    public IReadOnlyList<string>? CoveredComponents { get; private init; }

    internal static HttpSignatureVerificationResult Fail(HttpSignatureError error, string detail, string? keyId = null) =>
        new() { Error = error, FailureDetail = detail, KeyId = keyId };

    internal static HttpSignatureVerificationResult Success(string label, HttpSignatureKey key, string algorithm, SignatureParameters parameters, IReadOnlyList<string> covered) =>
        new()
        {
            Label = label,
            Key = key,
            KeyId = key.KeyId,
            Algorithm = algorithm,
            Created = parameters.Created,
            Expires = parameters.Expires,
            Nonce = parameters.Nonce,
            Tag = parameters.Tag,
            CoveredComponents = covered,
        };

    internal static IReadOnlyList<string> Covered(SfInnerList list)
    {
        var covered = new string[list.Items.Count];
        for (var i = 0; i < covered.Length; i++)
        {
            covered[i] = ComponentText(list.Items[i]);
        }

        return covered;
    }

    /// <summary>Plain names stay unquoted (<c>@method</c>); parameterized ones are serialized (<c>"@query-param";name="x"</c>).</summary>
    internal static string ComponentText(SfItem item) =>
        item.Parameters.Count == 0 && item.Value is string s ? s : StructuredFieldSerializer.SerializeMember(item);
}
