namespace SecureApi.Toolkit.HttpSignatures.Tests;

internal sealed class DictionaryKeyResolver(params HttpSignatureKey[] keys) : IHttpSignatureKeyResolver
{
    private readonly Dictionary<string, HttpSignatureKey> _keys = keys.ToDictionary(k => k.KeyId);

    public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.GetValueOrDefault(keyId));
}
