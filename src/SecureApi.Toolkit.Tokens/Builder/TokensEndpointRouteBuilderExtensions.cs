using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Tokens;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints of the tokens package.</summary>
public static class TokensEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the JSON Web Key Set of the access-token signing keys (public parts only, HMAC keys never), which relying
    /// parties and the OpenID Connect <c>jwks_uri</c> point to. Anonymous; cacheable for 5 minutes.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route. The default is <c>/.well-known/jwks.json</c>.</param>
    /// <returns>The endpoint convention builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAccessTokens()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapJwks(this IEndpointRouteBuilder endpoints, string pattern = AccessTokenDefaults.JwksPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Checked by registration, without resolving: resolving would build stores and validate options before the host
        // starts, where a configuration error would escape the host's own start-up reporting.
        if (!IsRegistered<JwksDocument>(endpoints.ServiceProvider))
        {
            throw new InvalidOperationException("MapJwks() needs the access-token services. Call api.AddAccessTokens(...) inside AddSecureApi(...).");
        }

        return endpoints.MapGet(pattern, static async context =>
        {
            var body = context.RequestServices.GetRequiredService<JwksDocument>().Build();
            context.Response.ContentType = "application/jwk-set+json";
            context.Response.Headers.CacheControl = "public, max-age=300";
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }).AllowAnonymous();
    }

    /// <summary>
    /// Maps the OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4): <c>POST</c>, form-encoded, client
    /// authentication by <c>client_secret_basic</c> or <c>client_secret_post</c>, tokens limited to the client's
    /// permissions (or the requested subset in <c>scope</c>), standard error responses.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route. The default is <c>/oauth/token</c>.</param>
    /// <returns>The endpoint convention builder, for example to add rate limiting.</returns>
    /// <exception cref="InvalidOperationException"><c>AddClientCredentials()</c>, <c>AddAccessTokens()</c> or <c>AddArgon2Hashing()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapClientCredentialsToken(this IEndpointRouteBuilder endpoints, string pattern = "/oauth/token")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EnsureClientCredentials(endpoints.ServiceProvider);
        return endpoints.MapPost(pattern, static context => context.RequestServices.GetRequiredService<ClientCredentialsEndpoints>().TokenAsync(context))
            .AllowAnonymous()
            .DisableAntiforgery();
    }

    /// <summary>
    /// Maps activation-code redemption: <c>POST</c> form <c>activation_code=…</c> answers once with
    /// <c>client_id</c>, <c>client_secret</c> and <c>scope</c>; a used, expired or unknown code gets
    /// <c>400 invalid_grant</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route. The default is <c>/oauth/activate</c>.</param>
    /// <returns>The endpoint convention builder, for example to add rate limiting.</returns>
    /// <exception cref="InvalidOperationException"><c>AddClientCredentials()</c>, <c>AddAccessTokens()</c> or <c>AddArgon2Hashing()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapClientActivation(this IEndpointRouteBuilder endpoints, string pattern = "/oauth/activate")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EnsureClientCredentials(endpoints.ServiceProvider);
        return endpoints.MapPost(pattern, static context => context.RequestServices.GetRequiredService<ClientCredentialsEndpoints>().ActivateAsync(context))
            .AllowAnonymous()
            .DisableAntiforgery();
    }

    private static void EnsureClientCredentials(IServiceProvider services)
    {
        if (!IsRegistered<AccessTokenIssuer>(services))
        {
            throw new InvalidOperationException("The token endpoint issues access tokens. Call api.AddAccessTokens(...) inside AddSecureApi(...).");
        }

        if (!IsRegistered<SecureApi.Toolkit.Hashing.ICredentialHasher>(services))
        {
            throw new InvalidOperationException("Client secrets are stored as Argon2id hashes. Call api.AddArgon2Hashing() inside AddSecureApi(...).");
        }

        if (!IsRegistered<ClientCredentialsEndpoints>(services))
        {
            throw new InvalidOperationException("Call api.AddClientCredentials() inside AddSecureApi(...) before mapping the client endpoints.");
        }
    }

    private static bool IsRegistered<T>(IServiceProvider services)
        => services.GetService<IServiceProviderIsService>()?.IsService(typeof(T)) ?? services.GetService(typeof(T)) is not null;
}
