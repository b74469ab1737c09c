using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.RequestSigning;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds request-signature verification to a pipeline without <c>UseSecureApi()</c>.</summary>
public static class RequestSigningApplicationBuilderExtensions
{
    /// <summary>Verifies request signatures. Call after <c>UseRouting()</c> and before <c>UseAuthentication()</c>/<c>UseAuthorization()</c>.</summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddRequestSigning()</c> was not called.</exception>
    public static IApplicationBuilder UseRequestSigning(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<RequestSigningMarker>() is null)
        {
            throw new InvalidOperationException("UseRequestSigning() needs its services. Call builder.Services.AddSecureApi(api => api.AddRequestSigning(...)) in Program.cs.");
        }

        return app.UseMiddleware<RequestSigningMiddleware>();
    }
}
