using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Callers;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Satisfies <see cref="PermissionRequirement"/> from the caller's permissions: the request's <c>ApiCaller</c>
/// when the resource is the <see cref="HttpContext"/>, otherwise (resource-based checks) the principal read through
/// the same <see cref="PermissionNormalizer"/> and <see cref="ApiCallerOptions.PermissionClaimTypes"/> the caller is
/// built with, so an endpoint's requirement and <c>GetApiCaller().Permissions</c> never disagree.
/// </summary>
internal sealed class PermissionAuthorizationHandler(IOptionsMonitor<ApiCallerOptions> callerOptions) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var held = context.Resource is HttpContext http && ReferenceEquals(http.User, context.User)
            ? http.GetApiCaller().Permissions
            : PermissionNormalizer.Normalize(context.User, callerOptions.CurrentValue.PermissionClaimTypes);

        if (requirement.IsSatisfiedBy(held))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
