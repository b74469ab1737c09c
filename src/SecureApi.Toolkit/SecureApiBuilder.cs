using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.Toolkit.Pipeline;

namespace SecureApi.Toolkit;

/// <summary>
/// The object every SecureApi package extends with its <c>AddXxx</c> method, returned by
/// <c>services.AddSecureApi()</c>.
/// </summary>
public sealed class SecureApiBuilder
{
    private readonly SecureApiPipelineParts _parts;

    internal SecureApiBuilder(IServiceCollection services, SecureApiPipelineParts parts)
    {
        Services = services;
        _parts = parts;
    }

    /// <summary>Gets the service collection the SecureApi services are registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a middleware part that <c>UseSecureApi()</c> places at <paramref name="stage"/>.
    /// Registering the same <paramref name="name"/> twice keeps the first registration, so every
    /// <c>AddXxx</c> stays safe to call more than once.
    /// </summary>
    /// <param name="stage">Where in the request pipeline the part runs.</param>
    /// <param name="name">A unique name for the part, for example <c>"RateLimiting"</c>.</param>
    /// <param name="configure">Adds the part's middleware to the application pipeline.</param>
    /// <returns>This builder, for chaining.</returns>
    public SecureApiBuilder AddPipelinePart(SecureApiPipelineStage stage, string name, Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        _parts.TryAdd(new SecureApiPipelinePart(stage, name, configure));
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TDefault"/> as the store for <typeparamref name="TContract"/> unless a store is
    /// already registered. Feature packages call this for their in-memory default, so a store registered earlier
    /// (for example by <c>AddRedis()</c>) wins whatever the call order.
    /// </summary>
    /// <typeparam name="TContract">The store contract declared in core.</typeparam>
    /// <typeparam name="TDefault">The embedded (in-memory) implementation.</typeparam>
    /// <returns>This builder, for chaining.</returns>
    public SecureApiBuilder TryAddDefaultStore<TContract, TDefault>()
        where TContract : class
        where TDefault : class, TContract
    {
        Services.TryAddSingleton<TContract, TDefault>();
        return this;
    }

    /// <summary>
    /// Makes <typeparamref name="TStore"/> the store for <typeparamref name="TContract"/>, replacing any default
    /// registered before, and keeping it when a feature registers its default later.
    /// </summary>
    /// <typeparam name="TContract">The store contract declared in core.</typeparam>
    /// <typeparam name="TStore">The implementation to use, for example a Redis store.</typeparam>
    /// <returns>This builder, for chaining.</returns>
    public SecureApiBuilder UseStore<TContract, TStore>()
        where TContract : class
        where TStore : class, TContract
    {
        Services.Replace(ServiceDescriptor.Singleton<TContract, TStore>());
        return this;
    }
}
