using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Satisfies <see cref="PermissionRequirement"/> from the caller's permissions: the request's <c>ApiCaller</c>
/// when the resource is the <see cref="HttpContext"/>, otherwise the principal's permission claims.
/// </summary>
internal sealed class PermissionAuthorizationHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var held = context.Resource is HttpContext http && ReferenceEquals(http.User, context.User)
            ? http.GetApiCaller().Permissions
            : FromClaims(context.User);

        if (requirement.IsSatisfiedBy(held))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static HashSet<string> FromClaims(ClaimsPrincipal user)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in user.Claims)
        {
            if (Array.IndexOf(Internal.PermissionNames.ClaimTypes, claim.Type) >= 0)
            {
                set.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return set;
    }
}
