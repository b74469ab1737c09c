using System.Collections.Frozen;
using System.Net;

namespace SecureApi.Toolkit.Callers;

/// <summary>
/// The caller of the current request: who it is, how it authenticated and what it may do. Computed once per
/// request from <c>HttpContext.User</c> and the connection; read it with <c>HttpContext.GetApiCaller()</c>.
/// Rate limiting partitions by <see cref="Id"/>, anomaly detection tracks and suspends it, field filtering
/// reads <see cref="Permissions"/>.
/// </summary>
public sealed class ApiCaller
{
    /// <summary>Creates a caller.</summary>
    /// <param name="id">The stable id, prefixed by kind (for example <c>sub:alice</c> or <c>ip:203.0.113.7</c>).</param>
    /// <param name="kind">How the caller was identified.</param>
    /// <param name="clientId">The client application's id, when known.</param>
    /// <param name="permissions">The normalized permissions.</param>
    /// <param name="remoteAddress">The client's address after trusted-proxy processing.</param>
    public ApiCaller(string id, ApiCallerKind kind, string? clientId, IEnumerable<string> permissions, IPAddress? remoteAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(permissions);
        Id = id;
        Kind = kind;
        ClientId = clientId;
        Permissions = permissions as FrozenSet<string> ?? permissions.ToFrozenSet(StringComparer.Ordinal);
        RemoteAddress = remoteAddress;
    }

    /// <summary>Gets the stable caller id, prefixed by its kind: <c>sig:</c>, <c>sub:</c>, <c>key:</c> or <c>ip:</c>.</summary>
    public string Id { get; }

    /// <summary>Gets how the caller was identified.</summary>
    public ApiCallerKind Kind { get; }

    /// <summary>Gets the client application's id, or <see langword="null"/> when none was presented.</summary>
    public string? ClientId { get; }

    /// <summary>Gets the caller's normalized permissions (case-sensitive, as issued).</summary>
    public IReadOnlySet<string> Permissions { get; }

    /// <summary>Gets the client's address after trusted-proxy processing, or <see langword="null"/> when unknown.</summary>
    public IPAddress? RemoteAddress { get; }

    /// <summary>Gets whether the caller authenticated with any scheme.</summary>
    public bool IsAuthenticated => Kind != ApiCallerKind.AnonymousAddress;

    /// <summary>Returns whether the caller holds <paramref name="permission"/>.</summary>
    /// <param name="permission">The permission name, for example <c>orders.read</c>.</param>
    /// <returns><see langword="true"/> when the caller holds it.</returns>
    public bool HasPermission(string permission) => Permissions.Contains(permission);

    /// <inheritdoc />
    public override string ToString() => Id;
}
