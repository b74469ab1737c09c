using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.FieldFiltering.Http;
using SecureApi.Toolkit.FieldFiltering.Json;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds SecureApi field filtering to an application's request pipeline.</summary>
public static class FieldFilteringApplicationBuilderExtensions
{
    /// <summary>
    /// Opens the field-filtering scope for each request at this point of the pipeline. <c>AddFieldFiltering()</c>
    /// already does so at the front of the pipeline, so this is needed only by a branch built apart from the
    /// host's pipeline; a request never gets two scopes.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFieldFiltering()</c> was not called.</exception>
    public static IApplicationBuilder UseFieldFiltering(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<FieldFilteringModifier>() is null)
        {
            throw new InvalidOperationException("UseFieldFiltering() needs the field-filtering services. Call builder.Services.AddSecureApi(api => api.AddFieldFiltering(...)) in Program.cs.");
        }

        return app.UseMiddleware<FieldFilteringMiddleware>();
    }
}
