using Microsoft.AspNetCore.Http;

namespace SecureApi.Toolkit.Signals;

/// <summary>The default sink while no anomaly detection is registered: signals cost nothing and go nowhere.</summary>
internal sealed class NullSecuritySignalSink : ISecuritySignalSink
{
    public void Publish(HttpContext context, in SecuritySignal signal)
    {
    }
}
