using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SecureApi.Toolkit.FieldFiltering.Http;

/// <summary>
/// Puts the scope middleware at the very front of the pipeline, so every request has a scope whatever the
/// application's middleware order; the permissions themselves are read lazily, after authentication.
/// </summary>
internal sealed class FieldFilteringStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<FieldFilteringMiddleware>();
        next(app);
    };
}
