using SecureApi.Toolkit.RequestSigning;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Endpoint conventions for request signing.</summary>
public static class RequestSigningEndpointConventionBuilderExtensions
{
    /// <summary>Requires a valid signature satisfying <paramref name="profile"/> on the endpoint(s).</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="profile">The profile name.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireSignature<TBuilder>(this TBuilder builder, string profile = RequestSigningOptions.DefaultProfileName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(profile);
        var metadata = new RequireSignatureAttribute(profile);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }

    /// <summary>Turns signature verification off on the endpoint(s).</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder DisableSignature<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new DisableSignatureAttribute();
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}
