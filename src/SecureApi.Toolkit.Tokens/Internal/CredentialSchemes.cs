using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Tokens.Internal;

/// <summary>
/// Which of this package's schemes are registered, kept as one instance in the service collection, and the
/// forwarding scheme that sends a request to the scheme matching the credential it carries.
/// </summary>
internal sealed class CredentialSchemes
{
    public bool AccessTokens { get; set; }

    public bool ApiKeys { get; set; }

    public static CredentialSchemes Register(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(CredentialSchemes) && descriptor.ImplementationInstance is CredentialSchemes existing)
            {
                return existing;
            }
        }

        var schemes = new CredentialSchemes();
        services.AddSingleton(schemes);
        services.TryAddTransient<CredentialsAuthenticationHandler>();
        services.AddAuthentication(o =>
        {
            o.DefaultScheme ??= TokenAuthenticationSchemes.Credentials;
            o.AddScheme(TokenAuthenticationSchemes.Credentials, scheme =>
            {
                scheme.HandlerType = typeof(CredentialsAuthenticationHandler);
                scheme.DisplayName = "SecureApi credentials";
            });
        });
        return schemes;
    }

    /// <summary>The scheme for the credential <paramref name="context"/> carries.</summary>
    public string Select(HttpContext context)
    {
        if (ApiKeys)
        {
            var authorization = context.Request.Headers.Authorization;
            if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
            {
                return TokenAuthenticationSchemes.ApiKey;
            }

            if (context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue.HeaderName is { } header
                && context.Request.Headers.ContainsKey(header))
            {
                return TokenAuthenticationSchemes.ApiKey;
            }
        }

        return AccessTokens ? TokenAuthenticationSchemes.AccessToken : TokenAuthenticationSchemes.ApiKey;
    }
}
