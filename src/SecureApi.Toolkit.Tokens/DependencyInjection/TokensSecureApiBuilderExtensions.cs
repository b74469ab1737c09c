using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens;
using SecureApi.Toolkit.Tokens.Internal;
using SecureApi.Toolkit.Tokens.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the tokens package: access tokens, API keys and third-party client credentials.</summary>
public static class TokensSecureApiBuilderExtensions
{
    /// <summary>
    /// Adds the access-token issuer (<see cref="AccessTokenIssuer"/>), the JWKS document (<c>MapJwks()</c>), the
    /// <see cref="TokenAuthenticationSchemes.AccessToken"/> authentication scheme with secure validation defaults,
    /// permission authorization (<c>RequirePermission</c>) and the in-memory revocation store. Safe to call twice.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Sets issuer, audience, keys and limits.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddAccessTokens(this SecureApiBuilder api, Action<AccessTokenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var services = api.Services;
        var optionsBuilder = services.AddOptions<AccessTokenOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessTokenOptions>, AccessTokenOptionsValidator>());
        AddShared(api);
        services.TryAddSingleton<SigningKeyRing>();
        services.TryAddSingleton<AccessTokenValidator>();
        services.TryAddSingleton<JwksDocument>();
        services.TryAddSingleton(sp => new AccessTokenIssuer(
            sp.GetRequiredService<IOptions<AccessTokenOptions>>(),
            sp.GetRequiredService<SigningKeyRing>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TokenMetrics>()));
        api.TryAddDefaultStore<IAccessTokenRevocationStore, InMemoryAccessTokenRevocationStore>();

        var schemes = CredentialSchemes.Register(services);
        if (!schemes.AccessTokens)
        {
            schemes.AccessTokens = true;
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(TokenAuthenticationSchemes.AccessToken, "Access token", null);
        }

        return api;
    }

    /// <summary>
    /// Adds API keys: <see cref="ApiKeyManager"/> to create and revoke them, the
    /// <see cref="TokenAuthenticationSchemes.ApiKey"/> authentication scheme (<c>Authorization: ApiKey …</c> or
    /// <see cref="ApiKeyOptions.HeaderName"/>), permission authorization and the in-memory key store. Safe to call twice.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Sets the hash key, prefix and header.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddApiKeys(this SecureApiBuilder api, Action<ApiKeyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var services = api.Services;
        var optionsBuilder = services.AddOptions<ApiKeyOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>());
        AddShared(api);
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton(sp => new ApiKeyManager(
            sp.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>(),
            sp.GetRequiredService<IApiKeyStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ApiKeyManager>>()));
        api.TryAddDefaultStore<IApiKeyStore, InMemoryApiKeyStore>();

        var schemes = CredentialSchemes.Register(services);
        if (!schemes.ApiKeys)
        {
            schemes.ApiKeys = true;
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(TokenAuthenticationSchemes.ApiKey, "API key", null);
        }

        return api;
    }

    /// <summary>
    /// Adds third-party client credentials: <see cref="ClientCredentialsManager"/> (registration with Argon2id-hashed
    /// secrets, one-time activation codes), the endpoints mapped by <c>MapClientCredentialsToken()</c> and
    /// <c>MapClientActivation()</c>, and the in-memory client and one-time code stores. Needs <c>AddAccessTokens()</c>
    /// and <c>AddArgon2Hashing()</c>. Safe to call twice.
    /// </summary>
    /// <param name="api">The SecureApi builder.</param>
    /// <param name="configure">Sets code validity and token lifetime.</param>
    /// <returns>The builder, for chaining.</returns>
    public static SecureApiBuilder AddClientCredentials(this SecureApiBuilder api, Action<ClientCredentialsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var services = api.Services;
        var optionsBuilder = services.AddOptions<ClientCredentialsOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientCredentialsOptions>, ClientCredentialsOptionsValidator>());
        AddShared(api);
        api.TryAddDefaultStore<IClientStore, InMemoryClientStore>();
        api.TryAddDefaultStore<IOneTimeCodeStore, InMemoryOneTimeCodeStore>();
        services.TryAddSingleton(sp => new ClientCredentialsManager(
            sp.GetRequiredService<IOptionsMonitor<ClientCredentialsOptions>>(),
            sp.GetRequiredService<IClientStore>(),
            sp.GetRequiredService<IOneTimeCodeStore>(),
            sp.GetService<SecureApi.Toolkit.Hashing.ICredentialHasher>()
                ?? throw new InvalidOperationException("Client credentials store secrets as Argon2id hashes. Call api.AddArgon2Hashing() inside AddSecureApi(...)."),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ClientCredentialsManager>>()));
        services.TryAddSingleton<ClientCredentialsEndpoints>();
        return api;
    }

    private static void AddShared(SecureApiBuilder api)
    {
        var services = api.Services;
        services.AddMetrics();
        services.TryAddSingleton<TokenMetrics>();
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PermissionAuthorizationHandler>());
        if (!services.Any(d => d.ImplementationType == typeof(PermissionAuthorizationResultHandler)))
        {
            // Replace, not TryAdd: the default result handler is registered with TryAdd by AddAuthorization, and the
            // permission handler falls back to it for every outcome that is not a permission refusal.
            services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, PermissionAuthorizationResultHandler>());
        }
    }
}
