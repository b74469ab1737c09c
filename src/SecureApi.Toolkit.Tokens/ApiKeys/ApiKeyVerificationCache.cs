using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Remembers, per key id, the key that last matched the record's keyed hash, so the same key presented again is
/// checked with one constant-time comparison instead of an HMAC-SHA256: through OpenSSL the one-shot HMAC costs more
/// than all the rest of the scheme. An entry vouches for the secret only. The record is still read from the store on
/// every request, so revocation, expiry and permission changes apply at once, and an entry counts only while the
/// record's hash and the server hash key are the very ones it was verified against (a new hash key invalidates every
/// entry, as it invalidates every key). Entries are verified again after <see cref="EntryLifetime"/>.
/// </summary>
internal sealed class ApiKeyVerificationCache
{
    /// <summary>How long a verified key is trusted without an HMAC; keeps forgotten keys from lingering.</summary>
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(10);

    // The secret and checksum at the end of the key; before them, the head "{prefix}_{id}".
    private const int TailLength = ApiKeyFormat.SecretLength + ApiKeyFormat.ChecksumLength;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>
    /// Whether <paramref name="key"/> is the key last verified against <paramref name="record"/> under
    /// <paramref name="hashKey"/>; on a match, <paramref name="scope"/> is the cached <c>scope</c> claim value when the
    /// record's permissions are unchanged, otherwise <see langword="null"/>.
    /// </summary>
    public bool TryMatch(ApiKeyRecord record, ReadOnlySpan<char> key, byte[] hashKey, DateTimeOffset now, out string? scope, out bool scopeCurrent)
    {
        scope = null;
        scopeCurrent = false;
        if (key.Length <= TailLength
            || !_entries.TryGetValue(record.KeyId, out var entry)
            || !ReferenceEquals(entry.HashKey, hashKey)
            || !string.Equals(entry.StoredHash, record.Hash, StringComparison.Ordinal)
            || now - entry.VerifiedAt >= EntryLifetime
            || now < entry.VerifiedAt
            || !key[..^TailLength].SequenceEqual(entry.Head)
            || !SecretEquals(key, entry.Secret))
        {
            return false;
        }

        scopeCurrent = ReferenceEquals(entry.Permissions, record.Permissions) || entry.Permissions.SequenceEqual(record.Permissions, StringComparer.Ordinal);
        scope = scopeCurrent ? entry.Scope : null;
        return true;
    }

    /// <summary>Remembers <paramref name="key"/> as verified against <paramref name="record"/>, unless <paramref name="capacity"/> keys are held.</summary>
    public void Remember(ApiKeyRecord record, ReadOnlySpan<char> key, byte[] hashKey, string? scope, DateTimeOffset now, int capacity)
    {
        if (capacity <= 0 || key.Length <= TailLength)
        {
            return;
        }

        if (!_entries.ContainsKey(record.KeyId) && _entries.Count >= capacity)
        {
            Sweep(now);
            if (_entries.Count >= capacity)
            {
                return;
            }
        }

        var secret = new byte[ApiKeyFormat.SecretLength];
        Ascii.FromUtf16(Secret(key), secret, out _);
        var entry = new Entry(record.Hash, hashKey, key[..^TailLength].ToString(), secret, record.Permissions, scope, now);
        Entry? replaced = null;
        _entries.AddOrUpdate(record.KeyId, entry, (_, previous) =>
        {
            replaced = previous;
            return entry;
        });
        replaced?.Clear();
    }

    /// <summary>Drops the entry of <paramref name="keyId"/> (the key is unknown, revoked or expired).</summary>
    public void Forget(string keyId)
    {
        if (_entries.TryRemove(keyId, out var entry))
        {
            entry.Clear();
        }
    }

    /// <summary>
    /// The key's secret part. The head (prefix and key id) is public and compared plainly; the checksum follows from
    /// head and secret (the caller checked it), so it needs no comparison.
    /// </summary>
    private static ReadOnlySpan<char> Secret(ReadOnlySpan<char> key) => key[^TailLength..^ApiKeyFormat.ChecksumLength];

    private static bool SecretEquals(ReadOnlySpan<char> key, byte[] secret)
    {
        // FixedTimeEquals runs unoptimized, a few nanoseconds a byte: compare the 32 ASCII bytes of the secret rather
        // than the whole key as UTF-16 (110 bytes).
        Span<byte> presented = stackalloc byte[ApiKeyFormat.SecretLength];
        try
        {
            return Ascii.FromUtf16(Secret(key), presented, out var written) == OperationStatus.Done
                && written == presented.Length
                && CryptographicOperations.FixedTimeEquals(presented, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(presented);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (keyId, entry) in _entries)
        {
            if (now - entry.VerifiedAt >= EntryLifetime || now < entry.VerifiedAt)
            {
                if (_entries.TryRemove(new KeyValuePair<string, Entry>(keyId, entry)))
                {
                    entry.Clear();
                }
            }
        }
    }

    /// <summary>
    /// One verified key: its head (prefix and key id), and its secret as ASCII bytes, zeroed when the entry is dropped
    /// or replaced (a reader racing with that sees a mismatch and falls back to the HMAC, so the race fails safe).
    /// </summary>
    private sealed class Entry(string storedHash, byte[] hashKey, string head, byte[] secret, IReadOnlyList<string> permissions, string? scope, DateTimeOffset verifiedAt)
    {
        public string StoredHash { get; } = storedHash;

        public byte[] HashKey { get; } = hashKey;

        public string Head { get; } = head;

        public byte[] Secret { get; } = secret;

        public IReadOnlyList<string> Permissions { get; } = permissions;

        public string? Scope { get; } = scope;

        public DateTimeOffset VerifiedAt { get; } = verifiedAt;

        public void Clear() => CryptographicOperations.ZeroMemory(Secret);
    }
}
