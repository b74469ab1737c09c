using Microsoft.AspNetCore.Authorization;
using SecureApi.Toolkit.Tokens.Internal;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Requires the caller to hold permissions (from its token's <c>scope</c>, its API key or any scheme that emits
/// permission claims). An unauthenticated caller is challenged (401); an authenticated one without the permissions
/// gets 403 problem+json that names only the required permissions. Several attributes on one endpoint must all pass.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    /// <summary>Requires <paramref name="permissions"/>, by default any one of them.</summary>
    /// <param name="permissions">The permission names, for example <c>orders.read</c>.</param>
    /// <exception cref="ArgumentException">No permission given, or a name is not a valid scope token.</exception>
    public RequirePermissionAttribute(params string[] permissions)
    {
        Permissions = PermissionNames.Normalize(permissions, nameof(permissions));
        if (Permissions.Count == 0)
        {
            throw new ArgumentException("Name at least one permission.", nameof(permissions));
        }
    }

    /// <summary>Gets the required permission names.</summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>Gets or sets whether any one or all of <see cref="Permissions"/> are required.</summary>
    /// <value>The default is <see cref="PermissionMatch.Any"/>.</value>
    public PermissionMatch MatchMode { get; set; } = PermissionMatch.Any;

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
        // An array, not an iterator: IAuthorizationService enumerates the requirements more than once and matches
        // them by reference, so an iterator's fresh instances would never count as satisfied.
        => [new PermissionRequirement([.. Permissions], MatchMode)];
}
