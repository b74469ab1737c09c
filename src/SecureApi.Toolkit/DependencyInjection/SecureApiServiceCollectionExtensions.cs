using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Pipeline;
using SecureApi.Toolkit.Signals;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SecureApi.Toolkit in an <see cref="IServiceCollection"/>.</summary>
public static class SecureApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SecureApi core services (the caller model and its <see cref="CallerPseudonym"/>,
    /// <see cref="TimeProvider"/> unless the app registered one, the signal sink) and returns the builder the feature packages extend. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder for the SecureApi packages.</returns>
    public static SecureApiBuilder AddSecureApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        var parts = FindParts(services);
        if (parts is null)
        {
            parts = new SecureApiPipelineParts();
            services.AddSingleton(parts);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ApiCallerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<ApiCallerOptions>, ApiCallerOptionsValidator>());
        services.TryAddSingleton<ApiCallerResolver>();
        services.TryAddSingleton<CallerPseudonym>();
        services.TryAddSingleton<ISecuritySignalSink, NullSecuritySignalSink>();
        services.AddProblemDetails();

        return new SecureApiBuilder(services, parts);
    }

    /// <summary>
    /// Adds the SecureApi core services and lets <paramref name="configure"/> add the feature packages,
    /// for example <c>services.AddSecureApi(api => api.AddRateLimiting())</c>. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds and configures SecureApi packages.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddSecureApi(this IServiceCollection services, Action<SecureApiBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(services.AddSecureApi());
        return services;
    }

    private static SecureApiPipelineParts? FindParts(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(SecureApiPipelineParts) && descriptor.ImplementationInstance is SecureApiPipelineParts parts)
            {
                return parts;
            }
        }

        return null;
    }
}
