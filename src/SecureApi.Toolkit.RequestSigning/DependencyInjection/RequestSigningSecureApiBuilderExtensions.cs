using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.Pipeline;
using SecureApi.Toolkit.RequestSigning;
using SecureApi.Toolkit.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RFC 9421 request-signature verification.</summary>
public static class RequestSigningSecureApiBuilderExtensions
{
    /// <summary>
    /// Adds request-signature verification: the <c>HttpSignature</c> authentication scheme, the verification middleware at
    /// the Authentication stage of <c>UseSecureApi()</c>, keys from <see cref="HttpSignatureKeyOptions"/> (hot reload; replace
    /// <see cref="IHttpSignatureKeyResolver"/> to read keys elsewhere), and the in-memory replay store unless another
    /// (for example Redis) is registered. Safe to call more than once.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Configures profiles and the external origin.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddRequestSigning(this SecureApiBuilder api, Action<RequestSigningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var services = api.Services;
        var optionsBuilder = services.AddOptions<RequestSigningOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(RequestSigningMarker)))
        {
            return api;
        }

        services.AddSingleton<RequestSigningMarker>();
        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RequestSigningOptions>, RequestSigningOptionsValidator>());
        services.AddOptions<HttpSignatureKeyOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpSignatureKeyOptions>, HttpSignatureKeyOptionsValidator>());
        services.TryAddSingleton<HttpSignatureAlgorithmRegistry>();
        services.TryAddSingleton<IHttpSignatureKeyResolver, OptionsHttpSignatureKeyResolver>();
        services.TryAddSingleton<RequestSignatureVerifier>();
        services.TryAddSingleton<RequestSigningMetrics>();
        services.AddMetrics();
        api.TryAddDefaultStore<IReplayNonceStore, InMemoryReplayNonceStore>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HttpSignatureAuthenticationHandler>(RequestSigningDefaults.AuthenticationScheme, null);
        api.AddPipelinePart(SecureApiPipelineStage.Authentication, "RequestSigning", app => app.UseRequestSigning());

        // After UseAuthentication: a second credential on a signed request must name the same client.
        api.AddPipelinePart(SecureApiPipelineStage.AfterAuthentication, "RequestSigning.ConflictingCredentials", app => app.UseMiddleware<ConflictingCredentialsMiddleware>());
        return api;
    }
}
