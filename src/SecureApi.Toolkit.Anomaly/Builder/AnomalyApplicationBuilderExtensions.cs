using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Anomaly;
using SecureApi.Toolkit.Anomaly.Signals;
using SecureApi.Toolkit.Anomaly.Suspensions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the anomaly middleware to a pipeline by hand, for apps that do not use <c>UseSecureApi()</c>.</summary>
public static class AnomalyApplicationBuilderExtensions
{
    /// <summary>Adds the observer that reports 404, 400 and 5xx responses; place it first, so it sees every response.</summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAnomalyDetection()</c> was not called.</exception>
    public static IApplicationBuilder UseAnomalyObserver(this IApplicationBuilder app)
    {
        EnsureAdded(app, nameof(UseAnomalyObserver));
        return app.UseMiddleware<AnomalyObserverMiddleware>();
    }

    /// <summary>
    /// Adds the suspension gate, which refuses suspended callers with 429 and deny-listed ones with 403. It checks the
    /// caller as resolved where it stands: call it before <c>UseAuthentication()</c> (refuses suspended addresses
    /// before any authentication work) and again after it (refuses suspended authenticated callers).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAnomalyDetection()</c> was not called.</exception>
    public static IApplicationBuilder UseSuspensionGate(this IApplicationBuilder app)
    {
        EnsureAdded(app, nameof(UseSuspensionGate));
        return app.UseMiddleware<SuspensionGateMiddleware>();
    }

    private static void EnsureAdded(IApplicationBuilder app, string method)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<AnomalyMarker>() is null)
        {
            throw new InvalidOperationException(
                $"{method}() needs the anomaly services. Call builder.Services.AddSecureApi(api => api.AddAnomalyDetection()) in Program.cs before building the app.");
        }
    }
}
