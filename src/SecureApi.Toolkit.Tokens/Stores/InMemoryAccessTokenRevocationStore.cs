using System.Collections.Concurrent;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Tokens.Stores;

/// <summary>
/// The embedded revocation store for one instance. Entries are dropped once the token has expired (swept every
/// <see cref="SweepInterval"/> revocations), so the set never outgrows the live tokens.
/// </summary>
internal sealed class InMemoryAccessTokenRevocationStore(TimeProvider time) : IAccessTokenRevocationStore
{
    private const int SweepInterval = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private int _writes;

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _writes) % SweepInterval == 0)
        {
            foreach (var entry in _revoked)
            {
                if (entry.Value <= now)
                {
                    _revoked.TryRemove(entry);
                }
            }
        }

        if (expiresAt > now)
        {
            _revoked.AddOrUpdate(tokenId, expiresAt, (_, existing) => existing > expiresAt ? existing : expiresAt);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_revoked.TryGetValue(tokenId, out var until) && until > time.GetUtcNow());
    }
}
