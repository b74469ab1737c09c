using System.Collections.Concurrent;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Tokens.Stores;

/// <summary>The embedded API key store for one instance. Records are immutable and replaced with compare-and-swap.</summary>
internal sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _records = new(StringComparer.Ordinal);

    public ValueTask<bool> CreateAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_records.TryAdd(record.KeyId, record));
    }

    public ValueTask<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_records.TryGetValue(keyId, out var record) ? record : null);
    }

    public ValueTask<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Update(keyId, r => r.RevokedAt is null ? Copy(r, r.LastUsedAt, revokedAt) : r));
    }

    public ValueTask RecordUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        cancellationToken.ThrowIfCancellationRequested();
        Update(keyId, r => r.LastUsedAt is { } last && last >= usedAt ? r : Copy(r, usedAt, r.RevokedAt));
        return ValueTask.CompletedTask;
    }

    private bool Update(string keyId, Func<ApiKeyRecord, ApiKeyRecord> change)
    {
        while (_records.TryGetValue(keyId, out var current))
        {
            var next = change(current);
            if (ReferenceEquals(next, current) || _records.TryUpdate(keyId, next, current))
            {
                return true;
            }
        }

        return false;
    }

    private static ApiKeyRecord Copy(ApiKeyRecord r, DateTimeOffset? lastUsedAt, DateTimeOffset? revokedAt) => new()
    {
        KeyId = r.KeyId,
        Hash = r.Hash,
        Name = r.Name,
        ClientId = r.ClientId,
        Permissions = r.Permissions,
        CreatedAt = r.CreatedAt,
        ExpiresAt = r.ExpiresAt,
        LastUsedAt = lastUsedAt,
        RevokedAt = revokedAt,
    };
}
