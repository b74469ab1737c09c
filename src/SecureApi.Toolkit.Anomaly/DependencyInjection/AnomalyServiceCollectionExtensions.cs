using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Anomaly;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Anomaly.Internal;
using SecureApi.Toolkit.Anomaly.Signals;
using SecureApi.Toolkit.Anomaly.Stores;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Pipeline;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers anomaly detection on a <see cref="SecureApiBuilder"/>.</summary>
public static class AnomalyServiceCollectionExtensions
{
    /// <summary>
    /// Adds anomaly detection: replaces the no-op signal sink, registers the in-memory counter and suspension stores
    /// unless another store (Redis) is registered, the background processor and hook dispatcher, the
    /// <see cref="ISuspensionService"/>, and three pipeline parts for <c>UseSecureApi()</c>: the observer (outermost),
    /// the suspension gate before authentication (by address) and again after it (by authenticated caller).
    /// Safe to call more than once; every <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Configures detectors, cool-downs, lists and hooks.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddAnomalyDetection(this SecureApiBuilder api, Action<AnomalyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var services = api.Services;

        services.AddOptions<AnomalyOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnomalyOptions>, AnomalyOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<AnomalyMarker>();
        services.TryAddSingleton<AnomalyMetrics>();
        services.TryAddSingleton<SignalQueue>();
        services.Replace(ServiceDescriptor.Singleton<ISecuritySignalSink, AnomalySignalSink>());
        api.TryAddDefaultStore<IWindowedCounterStore, InMemoryWindowedCounterStore>();
        api.TryAddDefaultStore<ISuspensionStore, InMemorySuspensionStore>();
        services.TryAddSingleton<SuspensionCache>();
        services.TryAddSingleton<CallerLists>();
        services.TryAddSingleton<SuspensionGate>();
        services.TryAddSingleton<HookDispatcher>();
        services.TryAddSingleton<SuspensionService>();
        services.TryAddSingleton<ISuspensionService>(sp => sp.GetRequiredService<SuspensionService>());
        services.TryAddSingleton<AnomalyProcessor>();
        services.TryAddSingleton<SuspensionCacheSync>();
        services.TryAddSingleton<AnomalyProcessingService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HostedForwarder<SuspensionCacheSync>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HostedForwarder<HookDispatcher>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HostedForwarder<AnomalyProcessingService>>());

        api.AddPipelinePart(SecureApiPipelineStage.Observer, "AnomalyObserver", app => app.UseMiddleware<AnomalyObserverMiddleware>());
        api.AddPipelinePart(SecureApiPipelineStage.SuspensionGate, "SuspensionGate", app => app.UseMiddleware<SuspensionGateMiddleware>());
        api.AddPipelinePart(SecureApiPipelineStage.AfterAuthentication, "SuspensionGate.AfterAuthentication", app => app.UseMiddleware<SuspensionGateMiddleware>());
        return api;
    }
}
