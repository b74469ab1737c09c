using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Pipeline;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the SecureApi middleware to an application's request pipeline.</summary>
public static class SecureApiApplicationBuilderExtensions
{
    /// <summary>
    /// Places every registered SecureApi part in the order the design requires: observer, suspension gate,
    /// authentication, after-authentication checks, rate limiting, authorization, endpoint guards. ASP.NET Core authentication and
    /// authorization are added at their stage when their services are registered.
    /// Call it after <c>UseRouting()</c> (or let <c>WebApplication</c> add routing) and before the endpoints.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSecureApi()</c> was not called.</exception>
    public static IApplicationBuilder UseSecureApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var parts = app.ApplicationServices.GetService<SecureApiPipelineParts>()
            ?? throw new InvalidOperationException(
                "UseSecureApi() needs the SecureApi services. Call builder.Services.AddSecureApi(api => ...) in Program.cs before building the app.");

        var services = app.ApplicationServices;
        var hasAuthentication = services.GetService<IAuthenticationSchemeProvider>() is not null;
        var hasAuthorization = services.GetService<IAuthorizationPolicyProvider>() is not null;
        var authenticationAdded = false;
        var authorizationAdded = false;

        foreach (var part in parts.Ordered())
        {
            if (!authenticationAdded && part.Stage > SecureApiPipelineStage.Authentication && hasAuthentication)
            {
                app.UseAuthentication();
                authenticationAdded = true;
            }

            if (!authorizationAdded && part.Stage > SecureApiPipelineStage.Authorization && hasAuthorization)
            {
                app.UseAuthorization();
                authorizationAdded = true;
            }

            part.Configure(app);
        }

        if (!authenticationAdded && hasAuthentication)
        {
            app.UseAuthentication();
        }

        if (!authorizationAdded && hasAuthorization)
        {
            app.UseAuthorization();
        }

        return app;
    }
}
