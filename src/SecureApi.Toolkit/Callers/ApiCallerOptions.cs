using System.Net;

namespace SecureApi.Toolkit.Callers;

/// <summary>How the <see cref="ApiCaller"/> is derived from the authenticated user and the connection.</summary>
public sealed class ApiCallerOptions
{
    /// <summary>Gets or sets the claim that holds the caller id.</summary>
    /// <value>The default is <c>sub</c>; <c>ClaimTypes.NameIdentifier</c> is used when it is absent.</value>
    public string CallerIdClaimType { get; set; } = ApiCallerClaimTypes.Subject;

    /// <summary>Gets or sets the claim that holds the client id.</summary>
    /// <value>The default is <c>client_id</c>.</value>
    public string ClientIdClaimType { get; set; } = ApiCallerClaimTypes.ClientId;

    /// <summary>Gets or sets the claim that names how the caller authenticated.</summary>
    /// <value>The default is <c>secureapi_caller_kind</c>.</value>
    public string KindClaimType { get; set; } = ApiCallerClaimTypes.Kind;

    /// <summary>
    /// Gets the claims that carry permissions. Every value is split on spaces, so a space-delimited
    /// <c>scope</c> string, an <c>scp</c> list and repeated <c>permission</c>/<c>permissions</c> claims all normalize
    /// to one set.
    /// </summary>
    /// <value>The default is <c>scope</c>, <c>scp</c>, <c>permission</c>, <c>permissions</c>.</value>
    public IList<string> PermissionClaimTypes { get; } = ["scope", "scp", "permission", "permissions"];

    /// <summary>
    /// Gets the proxies whose <c>X-Forwarded-For</c> header is believed. A request from any other address is
    /// identified by its connection address, whatever headers it sends.
    /// </summary>
    /// <value>The default is empty: forwarded headers are ignored.</value>
    public IList<IPAddress> TrustedProxies { get; } = [];

    /// <summary>Gets the networks whose proxies are believed, like <see cref="TrustedProxies"/>.</summary>
    /// <value>The default is empty.</value>
    public IList<System.Net.IPNetwork> TrustedNetworks { get; } = [];

    /// <summary>Gets or sets the header that trusted proxies write the client address chain into.</summary>
    /// <value>The default is <c>X-Forwarded-For</c>.</value>
    public string ForwardedForHeader { get; set; } = "X-Forwarded-For";

    /// <summary>
    /// Gets or sets the prefix length anonymous IPv6 callers are grouped by, since one subscriber usually
    /// holds a whole /64 and could otherwise rotate through addresses.
    /// </summary>
    /// <value>The default is 64. Valid values are 1 to 128.</value>
    public int IPv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// Gets or sets the key of the <see cref="CallerPseudonym"/> that logs and the <c>RateLimit</c> header's
    /// <c>pk</c> parameter carry instead of caller ids and partition keys (HMAC-SHA256): at least 16 random bytes,
    /// kept secret. Give every instance of a fleet the same key to match one caller's lines across instances and
    /// restarts. When these options are bound from configuration, a base64 string value binds to this property.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: a random key per process, so pseudonyms match within one process only
    /// and change on restart.
    /// </value>
#pragma warning disable CA1819 // A key is bytes (the configuration binder reads base64 into byte[]); it is copied on use.
    public byte[]? PseudonymKey { get; set; }
#pragma warning restore CA1819
}
