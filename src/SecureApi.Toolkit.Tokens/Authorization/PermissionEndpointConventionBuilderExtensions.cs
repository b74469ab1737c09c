using SecureApi.Toolkit.Tokens;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds permission requirements to endpoints.</summary>
public static class PermissionEndpointConventionBuilderExtensions
{
    /// <summary>Requires the caller to hold at least one of <paramref name="permissions"/>.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="permissions">The permission names, for example <c>orders.read</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, params string[] permissions)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var attribute = new RequirePermissionAttribute(permissions);
        builder.Add(endpoint => endpoint.Metadata.Add(attribute));
        return builder;
    }

    /// <summary>Requires the caller to hold every one of <paramref name="permissions"/>.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="permissions">The permission names.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireAllPermissions<TBuilder>(this TBuilder builder, params string[] permissions)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var attribute = new RequirePermissionAttribute(permissions) { MatchMode = PermissionMatch.All };
        builder.Add(endpoint => endpoint.Metadata.Add(attribute));
        return builder;
    }
}
