namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>Finds the key for a key id, asynchronously (configuration, a database, a key vault).</summary>
public interface IHttpSignatureKeyResolver
{
    /// <summary>Finds the key named <paramref name="keyId"/>.</summary>
    /// <param name="keyId">The key id from the signature's <c>keyid</c> parameter.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The key, or <see langword="null"/> when the id is unknown.</returns>
    ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken);
}
