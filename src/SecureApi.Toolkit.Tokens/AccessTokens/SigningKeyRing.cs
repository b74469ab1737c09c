using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Picks the signing key at a point in time and finds validation keys by exact key id. Keys are fixed at start-up;
/// rotation happens by each key's <see cref="AccessTokenSigningKey.SignFrom"/> and <see cref="AccessTokenSigningKey.RetireAt"/>.
/// </summary>
internal sealed class SigningKeyRing
{
    private readonly AccessTokenSigningKey[] _keys;
    private readonly Dictionary<string, AccessTokenSigningKey> _byKeyId;

    public SigningKeyRing(IOptions<AccessTokenOptions> options)
    {
        _keys = [.. options.Value.SigningKeys];
        _byKeyId = new Dictionary<string, AccessTokenSigningKey>(StringComparer.Ordinal);
        foreach (var key in _keys)
        {
            _byKeyId.TryAdd(key.KeyId, key);
        }
    }

    public IReadOnlyList<AccessTokenSigningKey> Keys => _keys;

    /// <summary>The key that signs new tokens at <paramref name="now"/>: the latest one whose signing period began.</summary>
    public AccessTokenSigningKey? CurrentSigner(DateTimeOffset now)
    {
        AccessTokenSigningKey? best = null;
        foreach (var key in _keys)
        {
            if (!IsLive(key, now) || (key.SignFrom is { } from && from > now))
            {
                continue;
            }

            if (best is null || (key.SignFrom ?? DateTimeOffset.MinValue) >= (best.SignFrom ?? DateTimeOffset.MinValue))
            {
                best = key;
            }
        }

        return best;
    }

    /// <summary>The live key with exactly this id; there is no fallback to other keys.</summary>
    public AccessTokenSigningKey? Find(string? keyId, DateTimeOffset now)
        => keyId is not null && _byKeyId.TryGetValue(keyId, out var key) && IsLive(key, now) ? key : null;

    /// <summary>Whether a key with this id is configured at all (for telling an unknown key from a retired one).</summary>
    public bool Contains(string? keyId) => keyId is not null && _byKeyId.ContainsKey(keyId);

    /// <summary>The asymmetric keys to publish at <paramref name="now"/>, including ones not yet signing.</summary>
    public IEnumerable<AccessTokenSigningKey> Published(DateTimeOffset now)
    {
        foreach (var key in _keys)
        {
            if (!key.IsSymmetric && IsLive(key, now))
            {
                yield return key;
            }
        }
    }

    private static bool IsLive(AccessTokenSigningKey key, DateTimeOffset now) => key.RetireAt is not { } retire || retire > now;
}
