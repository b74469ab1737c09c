using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
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
        if (!_entries.TryGetValue(record.KeyId, out var entry)
            || !ReferenceEquals(entry.HashKey, hashKey)
            || !string.Equals(entry.StoredHash, record.Hash, StringComparison.Ordinal)
            || now - entry.VerifiedAt >= EntryLifetime
            || now < entry.VerifiedAt
            || !CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(key), entry.Key))
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
        if (capacity <= 0)
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

        var entry = new Entry(record.Hash, hashKey, MemoryMarshal.AsBytes(key).ToArray(), record.Permissions, scope, now);
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
    /// One verified key. Key holds the key's UTF-16 bytes; it is zeroed when the entry is dropped or replaced (a reader
    /// racing with that sees a mismatch and falls back to the HMAC, so the race fails safe).
    /// </summary>
    private sealed class Entry(string storedHash, byte[] hashKey, byte[] key, IReadOnlyList<string> permissions, string? scope, DateTimeOffset verifiedAt)
    {
        public string StoredHash { get; } = storedHash;

        public byte[] HashKey { get; } = hashKey;

        public byte[] Key { get; } = key;

        public IReadOnlyList<string> Permissions { get; } = permissions;

        public string? Scope { get; } = scope;

        public DateTimeOffset VerifiedAt { get; } = verifiedAt;

        public void Clear() => CryptographicOperations.ZeroMemory(Key);
    }
}
