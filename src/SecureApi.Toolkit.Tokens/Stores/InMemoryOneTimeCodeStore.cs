using System.Collections.Concurrent;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Tokens.Stores;

/// <summary>
/// The embedded one-time code store for one instance. <c>TryRemove</c> is the atomic take: of two concurrent takes,
/// one removes the entry and the other finds nothing. Expired codes are swept every <see cref="SweepInterval"/> adds.
/// </summary>
internal sealed class InMemoryOneTimeCodeStore(TimeProvider time) : IOneTimeCodeStore
{
    private const int SweepInterval = 256;
    private readonly ConcurrentDictionary<(string Purpose, string Hash), (string Payload, DateTimeOffset ExpiresAt)> _codes = new();
    private int _adds;

    public ValueTask<bool> TryAddAsync(string purpose, string codeHash, string payload, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % SweepInterval == 0)
        {
            foreach (var entry in _codes)
            {
                if (entry.Value.ExpiresAt <= now)
                {
                    _codes.TryRemove(entry);
                }
            }
        }

        var key = (purpose, codeHash);
        while (true)
        {
            if (_codes.TryAdd(key, (payload, now + lifetime)))
            {
                return ValueTask.FromResult(true);
            }

            if (!_codes.TryGetValue(key, out var existing))
            {
                continue;
            }

            if (existing.ExpiresAt > now)
            {
                return ValueTask.FromResult(false);
            }

            // Expired: replace it only if it is still the same entry.
            if (_codes.TryUpdate(key, (payload, now + lifetime), existing))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    public ValueTask<string?> TryTakeAsync(string purpose, string codeHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(codeHash);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_codes.TryRemove((purpose, codeHash), out var entry) && entry.ExpiresAt > time.GetUtcNow() ? entry.Payload : null);
    }
}
