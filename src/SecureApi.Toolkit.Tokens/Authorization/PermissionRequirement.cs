using Microsoft.AspNetCore.Authorization;

namespace SecureApi.Toolkit.Tokens;

/// <summary>The authorization requirement behind <see cref="RequirePermissionAttribute"/>.</summary>
internal sealed class PermissionRequirement(string[] permissions, PermissionMatch match) : IAuthorizationRequirement
{
    public string[] Permissions { get; } = permissions;

    public PermissionMatch Match { get; } = match;

    public bool IsSatisfiedBy(IReadOnlySet<string> held)
    {
        if (Match == PermissionMatch.All)
        {
            foreach (var permission in Permissions)
            {
                if (!held.Contains(permission))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var permission in Permissions)
        {
            if (held.Contains(permission))
            {
                return true;
            }
        }

        return false;
    }
}
