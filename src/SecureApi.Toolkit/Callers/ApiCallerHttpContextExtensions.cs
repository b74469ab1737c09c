using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Callers;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reads the <see cref="ApiCaller"/> of a request.</summary>
public static class ApiCallerHttpContextExtensions
{
    /// <summary>
    /// Gets the caller of the request, computing it on first use and keeping it in the request features. When
    /// authentication later replaces <c>HttpContext.User</c>, the next call computes it again.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The caller.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSecureApi()</c> was not called.</exception>
    public static ApiCaller GetApiCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IApiCallerFeature>() is ApiCallerFeature cached && ReferenceEquals(cached.Source, context.User))
        {
            return cached.Caller;
        }

        var resolver = context.RequestServices.GetService<ApiCallerResolver>()
            ?? throw new InvalidOperationException("GetApiCaller() needs the SecureApi services. Call builder.Services.AddSecureApi(...) in Program.cs.");
        var caller = resolver.Resolve(context);
        context.Features.Set<IApiCallerFeature>(new ApiCallerFeature(caller, context.User));
        return caller;
    }
}
