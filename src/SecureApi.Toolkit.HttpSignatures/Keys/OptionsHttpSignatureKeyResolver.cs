using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Resolves keys from <see cref="HttpSignatureKeyOptions"/> through <see cref="IOptionsMonitor{TOptions}"/>: keys are
/// built once per options value and rebuilt when configuration changes (hot reload). A reload whose keys cannot be
/// built keeps the previous key set, so a typo in a config file never locks every client out.
/// </summary>
public sealed class OptionsHttpSignatureKeyResolver : IHttpSignatureKeyResolver, IDisposable
{
    private readonly IDisposable? _subscription;
    private FrozenDictionary<string, HttpSignatureKey> _keys;

    /// <summary>Creates the resolver and builds the current keys.</summary>
    /// <param name="options">The key options.</param>
    /// <exception cref="ArgumentException">A key in the current options is invalid.</exception>
    public OptionsHttpSignatureKeyResolver(IOptionsMonitor<HttpSignatureKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = Build(options.CurrentValue);
        _subscription = options.OnChange(Reload);
    }

    /// <summary>Gets the number of reloads that were rejected because a key could not be built.</summary>
    public int RejectedReloads { get; private set; }

    /// <inheritdoc/>
    public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.GetValueOrDefault(keyId));

    /// <summary>Stops listening for changes and disposes the keys.</summary>
    public void Dispose()
    {
        _subscription?.Dispose();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    internal static FrozenDictionary<string, HttpSignatureKey> Build(HttpSignatureKeyOptions options)
    {
        var keys = new Dictionary<string, HttpSignatureKey>(StringComparer.Ordinal);
        try
        {
            foreach (var definition in options.Keys)
            {
                var key = definition.Build();
                if (!keys.TryAdd(key.KeyId, key))
                {
                    key.Dispose();
                    throw new ArgumentException($"Key id '{definition.KeyId}' is defined twice in HttpSignatureKeyOptions.Keys.");
                }
            }
        }
        catch
        {
            foreach (var built in keys.Values)
            {
                built.Dispose();
            }

            throw;
        }

        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private void Reload(HttpSignatureKeyOptions options)
    {
        FrozenDictionary<string, HttpSignatureKey> fresh;
        try
        {
            fresh = Build(options);
        }
        catch (ArgumentException)
        {
            RejectedReloads++;
            return;
        }

        // Old keys are not disposed: a request in flight may still hold one; the GC reclaims them.
        _keys = fresh;
    }
}
