using System.Collections.Frozen;
using System.Security.Claims;

namespace SecureApi.Toolkit.Callers;

/// <summary>
/// Turns the usual permission shapes into one set: a space-delimited <c>scope</c>, an <c>scp</c> string or
/// list, and repeated <c>permission</c>/<c>permissions</c> claims. Permission names never contain spaces, so
/// splitting every value on spaces is correct for all of them.
/// </summary>
internal static class PermissionNormalizer
{
    public static FrozenSet<string> Normalize(ClaimsPrincipal principal, IList<string> claimTypes)
    {
        HashSet<string>? permissions = null;
        foreach (var claim in principal.Claims)
        {
            if (!claimTypes.Contains(claim.Type))
            {
                continue;
            }

            foreach (var permission in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                (permissions ??= new HashSet<string>(StringComparer.Ordinal)).Add(permission);
            }
        }

        return permissions is null ? FrozenSet<string>.Empty : permissions.ToFrozenSet(StringComparer.Ordinal);
    }
}
