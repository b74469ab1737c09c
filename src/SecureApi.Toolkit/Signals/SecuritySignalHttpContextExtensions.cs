using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Signals;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reports security signals about the caller of a request.</summary>
public static class SecuritySignalHttpContextExtensions
{
    /// <summary>Reports <paramref name="signal"/> to the registered <see cref="ISecuritySignalSink"/>, if any.</summary>
    /// <param name="context">The request the signal is about.</param>
    /// <param name="signal">The event.</param>
    public static void ReportSecuritySignal(this HttpContext context, in SecuritySignal signal)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.RequestServices?.GetService<ISecuritySignalSink>()?.Publish(context, signal);
    }
}
