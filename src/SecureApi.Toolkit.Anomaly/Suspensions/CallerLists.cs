using System.Net;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Anomaly.Suspensions;

/// <summary>The allow-list and deny-list, by caller id and by network, frozen at start-up.</summary>
internal sealed class CallerLists
{
    private readonly HashSet<string> _allowed;
    private readonly IPNetwork[] _allowedNetworks;
    private readonly HashSet<string> _denied;
    private readonly IPNetwork[] _deniedNetworks;

    public CallerLists(IOptions<AnomalyOptions> options)
    {
        var o = options.Value;
        _allowed = new HashSet<string>(o.AllowList, StringComparer.Ordinal);
        _allowedNetworks = [.. o.AllowedNetworks];
        _denied = new HashSet<string>(o.DenyList, StringComparer.Ordinal);
        _deniedNetworks = [.. o.DeniedNetworks];
        HasAllowList = _allowed.Count != 0 || _allowedNetworks.Length != 0;
        HasDenyList = _denied.Count != 0 || _deniedNetworks.Length != 0;
    }

    public bool HasAllowList { get; }

    public bool HasDenyList { get; }

    public bool IsAllowed(string callerId, IPAddress? address) => HasAllowList && (_allowed.Contains(callerId) || InAny(_allowedNetworks, address));

    public bool IsDenied(string callerId, IPAddress? address) => HasDenyList && (_denied.Contains(callerId) || InAny(_deniedNetworks, address));

    private static bool InAny(IPNetwork[] networks, IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
