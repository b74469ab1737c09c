using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Callers;

/// <summary>Projects <c>HttpContext.User</c> and the connection onto an <see cref="ApiCaller"/>.</summary>
internal sealed class ApiCallerResolver(IOptionsMonitor<ApiCallerOptions> options)
{
    public ApiCaller Resolve(HttpContext context)
    {
        var o = options.CurrentValue;
        var user = context.User;
        var address = ClientAddressResolver.Resolve(context.Connection.RemoteIpAddress, context.Request.Headers[o.ForwardedForHeader], o);

        if (user.Identity?.IsAuthenticated != true)
        {
            return new ApiCaller(ClientAddressResolver.AnonymousId(address, o.IPv6PrefixLength), ApiCallerKind.AnonymousAddress, null, [], address);
        }

        var subject = user.FindFirst(o.CallerIdClaimType)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var clientId = user.FindFirst(o.ClientIdClaimType)?.Value;
        var kind = user.FindFirst(o.KindClaimType)?.Value switch
        {
            ApiCallerClaimTypes.KindSignedClient => ApiCallerKind.SignedClient,
            ApiCallerClaimTypes.KindApiKey => ApiCallerKind.ApiKey,
            _ => ApiCallerKind.TokenSubject,
        };

        // An authenticated principal without any id is treated as its client, then as its address, so that two
        // such callers are never merged into one partition by an empty id.
        var idValue = subject ?? clientId;
        if (idValue is null)
        {
            return new ApiCaller(ClientAddressResolver.AnonymousId(address, o.IPv6PrefixLength), ApiCallerKind.AnonymousAddress, null, [], address);
        }

        var prefix = kind switch
        {
            ApiCallerKind.SignedClient => "sig:",
            ApiCallerKind.ApiKey => "key:",
            _ => "sub:",
        };

        return new ApiCaller(prefix + idValue, kind, clientId, PermissionNormalizer.Normalize(user, o.PermissionClaimTypes), address);
    }
}
