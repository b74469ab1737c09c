using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using SecureApi.Toolkit.HttpSignatures;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds RFC 9421 request signing to an <see cref="IHttpClientBuilder"/>.</summary>
public static class HttpMessageSigningHttpClientBuilderExtensions
{
    /// <summary>
    /// Signs every request of this client, as the innermost handler (after every other handler, once per retry),
    /// adding Content-Digest, created, expires and a fresh nonce. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The HttpClient builder.</param>
    /// <param name="configure">Adds the signing key(s) and adjusts what is signed.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddHttpMessageSigning(this IHttpClientBuilder builder, Action<HttpMessageSigningOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<HttpSignatureAlgorithmRegistry>();
        if (!builder.Services.Any(d => d.ImplementationInstance is HttpMessageSigningRegistration r && r.ClientName == builder.Name))
        {
            builder.Services.AddSingleton(new HttpMessageSigningRegistration(builder.Name));
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, HttpMessageSigningFilter>());
        return builder;
    }
}
