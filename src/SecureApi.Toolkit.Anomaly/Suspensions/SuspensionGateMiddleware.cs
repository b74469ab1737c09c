using Microsoft.AspNetCore.Http;

namespace SecureApi.Toolkit.Anomaly.Suspensions;

/// <summary>The gate as middleware; placed before authentication (address) and again after it (authenticated caller).</summary>
internal sealed class SuspensionGateMiddleware(RequestDelegate next, SuspensionGate gate)
{
    public Task InvokeAsync(HttpContext context) => gate.InvokeAsync(context, next);
}
