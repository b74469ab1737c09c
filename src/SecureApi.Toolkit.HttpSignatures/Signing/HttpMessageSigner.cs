using System.Text;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>Creates RFC 9421 signatures over a message.</summary>
/// <param name="algorithms">The algorithms available.</param>
public sealed class HttpMessageSigner(HttpSignatureAlgorithmRegistry algorithms)
{
    /// <summary>Signs <paramref name="message"/> with <paramref name="key"/>.</summary>
    /// <param name="message">The message as it will be sent.</param>
    /// <param name="parameters">The components and metadata.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="cancellationToken">Cancels an asynchronous algorithm provider.</param>
    /// <returns>The members to add to <c>Signature-Input</c> and <c>Signature</c>.</returns>
    /// <exception cref="HttpSignatureException">A component is missing or invalid, or the key cannot sign with the algorithm.</exception>
    public async ValueTask<HttpMessageSignature> SignAsync(HttpSignatureMessage message, HttpSignatureSigningParameters parameters, HttpSignatureKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(key);

        var algorithmName = parameters.Algorithm ?? key.Algorithms[0];
        if (!key.Algorithms.Contains(algorithmName, StringComparer.Ordinal) || !algorithms.TryGet(algorithmName, out var algorithm) || !algorithm.SupportsKey(key))
        {
            throw new HttpSignatureException(HttpSignatureError.AlgorithmNotAllowed, "The key cannot sign with the requested algorithm.");
        }

        if (!key.HasPrivateKey)
        {
            throw new HttpSignatureException(HttpSignatureError.UnknownKey, "The key has no private part and cannot sign.");
        }

        var input = BuildInput(parameters, key.KeyId, algorithmName);
        var signatureBase = Encoding.ASCII.GetBytes(HttpSignatureBase.Create(message, input));
        var signature = await algorithm.SignAsync(key, signatureBase, cancellationToken).ConfigureAwait(false);

        var inputText = new StringBuilder();
        StructuredFieldSerializer.AppendDictionaryMember(inputText, parameters.Label, input);
        var signatureText = new StringBuilder();
        StructuredFieldSerializer.AppendDictionaryMember(signatureText, parameters.Label, new SfItem(signature));
        return new HttpMessageSignature(parameters.Label, inputText.ToString(), signatureText.ToString());
    }

    internal static SfInnerList BuildInput(HttpSignatureSigningParameters parameters, string keyId, string algorithm)
    {
        var items = new List<SfItem>(parameters.Components.Count);
        foreach (var component in parameters.Components)
        {
            items.Add(ParseComponent(component));
        }

        var p = new List<KeyValuePair<string, object>>(6);
        if (parameters.Created is { } created)
        {
            p.Add(new("created", created.ToUnixTimeSeconds()));
        }

        if (parameters.Expires is { } expires)
        {
            p.Add(new("expires", expires.ToUnixTimeSeconds()));
        }

        if (parameters.Nonce is { } nonce)
        {
            p.Add(new("nonce", nonce));
        }

        if (parameters.IncludeAlgorithm)
        {
            p.Add(new("alg", algorithm));
        }

        p.Add(new("keyid", keyId));
        if (parameters.Tag is { } tag)
        {
            p.Add(new("tag", tag));
        }

        return new SfInnerList(items, new SfParameters(p));
    }

    internal static SfItem ParseComponent(string component)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        if (component[0] != '"')
        {
            return new SfItem(component);
        }

        try
        {
            var item = StructuredFieldParser.ParseItem(component);
            return item.Value is string ? item : throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A component identifier must be a string.");
        }
        catch (StructuredFieldException ex)
        {
            throw new HttpSignatureException("A component identifier is not a valid structured-field item.", ex);
        }
    }
}
