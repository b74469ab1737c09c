using System.Collections.Frozen;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>The algorithms a signer or verifier may use, by name. Starts with the six built-in algorithms.</summary>
public sealed class HttpSignatureAlgorithmRegistry
{
    private readonly Lock _gate = new();
    private FrozenDictionary<string, IHttpSignatureAlgorithm> _algorithms;

    /// <summary>Creates a registry holding the built-in algorithms.</summary>
    public HttpSignatureAlgorithmRegistry()
    {
        _algorithms = new IHttpSignatureAlgorithm[]
        {
            new HmacSha256Algorithm(),
            new EcdsaAlgorithm(HttpSignatureAlgorithms.EcdsaP256Sha256, HttpSignatureKeyType.EcP256, System.Security.Cryptography.HashAlgorithmName.SHA256),
            new EcdsaAlgorithm(HttpSignatureAlgorithms.EcdsaP384Sha384, HttpSignatureKeyType.EcP384, System.Security.Cryptography.HashAlgorithmName.SHA384),
            new RsaAlgorithm(HttpSignatureAlgorithms.RsaPssSha512, System.Security.Cryptography.HashAlgorithmName.SHA512, System.Security.Cryptography.RSASignaturePadding.Pss),
            new RsaAlgorithm(HttpSignatureAlgorithms.RsaV15Sha256, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1),
            new Ed25519Algorithm(),
        }.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the names of the registered algorithms.</summary>
    public IEnumerable<string> Names => _algorithms.Keys;

    /// <summary>Adds <paramref name="algorithm"/>, replacing a registered algorithm of the same name.</summary>
    /// <param name="algorithm">The algorithm or provider.</param>
    /// <returns>This registry, for chaining.</returns>
    public HttpSignatureAlgorithmRegistry Register(IHttpSignatureAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentException.ThrowIfNullOrEmpty(algorithm.Name);
        lock (_gate)
        {
            var copy = new Dictionary<string, IHttpSignatureAlgorithm>(_algorithms, StringComparer.Ordinal) { [algorithm.Name] = algorithm };
            _algorithms = copy.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return this;
    }

    /// <summary>Finds the algorithm named <paramref name="name"/>.</summary>
    /// <param name="name">The algorithm name.</param>
    /// <param name="algorithm">The algorithm when found.</param>
    /// <returns><see langword="true"/> when registered.</returns>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IHttpSignatureAlgorithm? algorithm) =>
        _algorithms.TryGetValue(name, out algorithm);
}
