using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit;
using SecureApi.Toolkit.FieldFiltering;
using SecureApi.Toolkit.FieldFiltering.Diagnostics;
using SecureApi.Toolkit.FieldFiltering.Http;
using SecureApi.Toolkit.FieldFiltering.Json;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds SecureApi field filtering to a <see cref="SecureApiBuilder"/>.</summary>
public static class FieldFilteringSecureApiBuilderExtensions
{
    /// <summary>
    /// Adds field filtering: the contract modifier in both ASP.NET Core JSON option sets (minimal APIs and MVC), the
    /// per-request permission scope, the write-side guard, the leak hardening of validation problems and output
    /// caching, and the start-up check for members that bypass filtering. Safe to call more than once; every call
    /// adds its <paramref name="configure"/>.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Sets the options and declares rules for types the application does not own.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddFieldFiltering(this SecureApiBuilder api, Action<FieldFilteringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var services = api.Services;
        var optionsBuilder = services.AddOptions<FieldFilteringOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FieldFilteringOptions>, FieldFilteringOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<FieldFilteringMetrics>();
        services.TryAddSingleton<FieldRuleCatalog>();
        services.TryAddSingleton<FieldMasker>();
        services.TryAddSingleton<FieldFilteringModifier>();
        services.TryAddSingleton<FieldFilteringJsonOptionsSetup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>, FieldFilteringJsonOptionsSetup>(
            sp => sp.GetRequiredService<FieldFilteringJsonOptionsSetup>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<Microsoft.AspNetCore.Mvc.JsonOptions>, FieldFilteringJsonOptionsSetup>(
            sp => sp.GetRequiredService<FieldFilteringJsonOptionsSetup>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, FieldFilteringStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MvcOptions>, FieldFilteringMvcSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ProblemDetailsOptions>, FieldFilteringProblemDetailsSetup>());
        services.TryAddSingleton<FieldFilteringOutputCachePolicy>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OutputCacheOptions>, FieldFilteringOutputCacheSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FieldFilteringStartupCheck>());
        return api;
    }
}
