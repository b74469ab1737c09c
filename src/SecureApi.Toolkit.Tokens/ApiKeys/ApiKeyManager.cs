using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens.Internal;

namespace SecureApi.Toolkit.Tokens;

/// <summary>Creates and revokes API keys. The full key exists only in the return value of <see cref="CreateAsync"/>.</summary>
public sealed class ApiKeyManager
{
    private readonly IOptionsMonitor<ApiKeyOptions> _options;
    private readonly IApiKeyStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal ApiKeyManager(IOptionsMonitor<ApiKeyOptions> options, IApiKeyStore store, TimeProvider time, ILogger<ApiKeyManager> logger)
    {
        _options = options;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Creates a key and stores its keyed hash.</summary>
    /// <param name="name">A display name, for example the integration it is for.</param>
    /// <param name="permissions">The permissions the key grants.</param>
    /// <param name="clientId">The client application the key belongs to, if any.</param>
    /// <param name="lifetime">How long the key works. The default is <see cref="ApiKeyOptions.DefaultLifetime"/>; <see cref="Timeout.InfiniteTimeSpan"/> for no expiry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new key, to be shown once.</returns>
    /// <exception cref="ArgumentException">A permission name is not valid.</exception>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    public async ValueTask<CreatedApiKey> CreateAsync(string name, IEnumerable<string> permissions, string? clientId = null, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var granted = PermissionNames.Normalize(permissions, nameof(permissions));
        var options = _options.CurrentValue;
        var life = lifetime ?? options.DefaultLifetime;
        if (life != Timeout.InfiniteTimeSpan && life <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), life, "The lifetime must be positive, or Timeout.InfiniteTimeSpan for a key that does not expire.");
        }

        var hashKey = options.HashKey ?? throw new InvalidOperationException("ApiKeyOptions.HashKey is not set.");
        var now = _time.GetUtcNow();
        while (true)
        {
            var (key, keyId) = ApiKeyFormat.Create(options.Prefix);
            var record = new ApiKeyRecord
            {
                KeyId = keyId,
                Hash = ApiKeyFormat.Hash(hashKey, key),
                Name = name,
                ClientId = clientId,
                Permissions = granted,
                CreatedAt = now,
                ExpiresAt = life == Timeout.InfiniteTimeSpan ? null : now + life,
            };

            // 12 base62 characters make a collision vanishingly rare; if one happens, draw again.
            if (await _store.CreateAsync(record, cancellationToken).ConfigureAwait(false))
            {
                TokensLog.ApiKeyCreated(_logger, keyId);
                return new CreatedApiKey(key, keyId, record.ExpiresAt);
            }
        }
    }

    /// <summary>Revokes a key: it stops working on the next request.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the key exists.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    public async ValueTask<bool> RevokeAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        var found = await _store.RevokeAsync(keyId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (found)
        {
            TokensLog.ApiKeyRevoked(_logger, keyId);
        }

        return found;
    }

    /// <summary>Returns the stored record of a key (no secret in it), for listing its permissions, expiry and last use.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    public ValueTask<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        return _store.FindAsync(keyId, cancellationToken);
    }
}
