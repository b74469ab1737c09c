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
        _ = endpoints.ServiceProvider.GetService<JwksDocument>()
            ?? throw new InvalidOperationException("MapJwks() needs the access-token services. Call api.AddAccessTokens(...) inside AddSecureApi(...).");

        return endpoints.MapGet(pattern, static async context =>
        {
            var body = context.RequestServices.GetRequiredService<JwksDocument>().Build();
            context.Response.ContentType = "application/jwk-set+json";
            context.Response.Headers.CacheControl = "public, max-age=300";
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }).AllowAnonymous();
    }
}
