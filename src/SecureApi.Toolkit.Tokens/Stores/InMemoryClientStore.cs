using System.Collections.Concurrent;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Tokens.Stores;

/// <summary>The embedded client registry for one instance.</summary>
internal sealed class InMemoryClientStore : IClientStore
{
    private readonly ConcurrentDictionary<string, ClientRecord> _clients = new(StringComparer.Ordinal);

    public ValueTask SaveAsync(ClientRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        _clients[record.ClientId] = record;
        return ValueTask.CompletedTask;
    }

    public ValueTask<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_clients.TryGetValue(clientId, out var record) ? record : null);
    }

    public ValueTask<bool> DeleteAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_clients.TryRemove(clientId, out _));
    }
}
