using System.Security.Claims;

namespace SecureApi.Toolkit.Callers;

/// <summary>
/// Keeps the caller together with the principal it was computed from: authentication may replace
/// <c>HttpContext.User</c> after an early read (the suspension gate runs before authentication), and then the
/// caller must be computed again.
/// </summary>
internal sealed class ApiCallerFeature(ApiCaller caller, ClaimsPrincipal source) : IApiCallerFeature
{
    public ApiCaller Caller { get; } = caller;

    public ClaimsPrincipal Source { get; } = source;
}
