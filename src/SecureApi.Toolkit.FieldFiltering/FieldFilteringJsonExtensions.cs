using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.FieldFiltering.Json;

namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>Applies field filtering to JSON options the application builds itself.</summary>
public static class FieldFilteringJsonExtensions
{
    /// <summary>
    /// Wraps <paramref name="resolver"/> — a <c>DefaultJsonTypeInfoResolver</c> or a source-generated
    /// <c>JsonSerializerContext</c> — so every contract it makes is filtered by the current caller's permissions.
    /// The JSON options of minimal APIs and MVC are wrapped already; use this for options built elsewhere, for
    /// example <c>new JsonSerializerOptions { TypeInfoResolver = AppJsonContext.Default.WithFieldFiltering(services) }</c>.
    /// Serializing a classified type through a context's own <c>JsonTypeInfo</c> (<c>AppJsonContext.Default.Customer</c>)
    /// skips filtering; serialize through options that carry the wrapped resolver instead.
    /// </summary>
    /// <param name="resolver">The resolver to wrap.</param>
    /// <param name="services">The application's services, where <c>AddFieldFiltering()</c> was called.</param>
    /// <returns>The filtering resolver.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFieldFiltering()</c> was not called.</exception>
    public static IJsonTypeInfoResolver WithFieldFiltering(this IJsonTypeInfoResolver resolver, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(services);
        if (resolver is FieldFilteringTypeInfoResolver)
        {
            return resolver;
        }

        var modifier = services.GetService<FieldFilteringModifier>()
            ?? throw new InvalidOperationException("WithFieldFiltering() needs the field-filtering services. Call builder.Services.AddSecureApi(api => api.AddFieldFiltering(...)) in Program.cs.");
        return new FieldFilteringTypeInfoResolver(resolver, modifier);
    }
}
