using Microsoft.AspNetCore.Http;

namespace SecureApi.Toolkit.Signals;

/// <summary>
/// Receives security signals. Packages publish through <c>HttpContext.ReportSecuritySignal</c> without knowing
/// who listens; the anomaly package replaces the default sink, which drops every signal.
/// Implementations must be fast, must not throw and must not block the request.
/// </summary>
public interface ISecuritySignalSink
{
    /// <summary>Records <paramref name="signal"/> about the caller of <paramref name="context"/>.</summary>
    /// <param name="context">The request the signal is about.</param>
    /// <param name="signal">The event.</param>
    void Publish(HttpContext context, in SecuritySignal signal);
}
