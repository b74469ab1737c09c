using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.RateLimiting.Internal;
using SecureApi.Toolkit.RateLimiting.Middleware;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds SecureApi rate limiting to a request pipeline without <c>UseSecureApi()</c>.</summary>
public static class RateLimitingApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the rate-limiting middleware. Place it after authentication (so the caller is known) and after routing
    /// (so endpoint policies are seen). <c>UseSecureApi()</c> does this for you.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddRateLimiting()</c> was not called.</exception>
    public static IApplicationBuilder UseRateLimiting(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<RateLimitingMarker>() is null)
        {
            throw new InvalidOperationException(
                "UseRateLimiting() needs the rate-limiting services. Call builder.Services.AddSecureApi(api => api.AddRateLimiting(o => ...)) in Program.cs.");
        }

        return app.UseMiddleware<RateLimitingMiddleware>();
    }
}
