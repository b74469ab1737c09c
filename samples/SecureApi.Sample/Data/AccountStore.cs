using System.Collections.Concurrent;

namespace SecureApi.Sample.Data;

/// <summary>
/// The sample's user accounts: user name → Argon2id PHC string, in memory. A real app keeps these in its database;
/// the tour writes to it directly to play an attacker who planted a hostile hash there.
/// </summary>
internal sealed class AccountStore
{
    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.OrdinalIgnoreCase);

    public bool TryAdd(string userName, string passwordHash) => _hashes.TryAdd(userName, passwordHash);

    public string? FindHash(string userName) => _hashes.GetValueOrDefault(userName);

    public void SetHash(string userName, string passwordHash) => _hashes[userName] = passwordHash;
}
