namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Requires a valid HTTP message signature satisfying a profile on a controller or action.</summary>
/// <param name="profile">The profile name.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequireSignatureAttribute(string profile = RequestSigningOptions.DefaultProfileName) : Attribute
{
    /// <summary>Gets the profile name.</summary>
    /// <value>The default is <c>default</c>.</value>
    public string Profile { get; } = profile;
}
