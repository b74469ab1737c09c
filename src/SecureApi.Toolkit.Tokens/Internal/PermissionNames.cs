using System.Security.Claims;

namespace SecureApi.Toolkit.Tokens.Internal;

/// <summary>Checks and normalizes permission names (RFC 6749 §3.3 scope tokens).</summary>
internal static class PermissionNames
{
    /// <summary>Whether <paramref name="name"/> is a scope token: printable ASCII without space, quote or backslash.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is < '!' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Validates and de-duplicates permissions, keeping their first-seen order.</summary>
    public static string[] Normalize(IEnumerable<string> permissions, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(permissions, parameterName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var permission in permissions)
        {
            if (!IsValid(permission))
            {
                throw new ArgumentException("Permission names are non-empty printable ASCII without spaces, quotes or backslashes.", parameterName);
            }

            if (seen.Add(permission))
            {
                list.Add(permission);
            }
        }

        return [.. list];
    }

    /// <summary>
    /// Collects the permissions of every claim of <paramref name="claimTypes"/> (the app's
    /// <c>ApiCallerOptions.PermissionClaimTypes</c>) in <paramref name="identity"/>, removes those claims, and writes
    /// the set back as one space-delimited <c>scope</c> claim, so downstream code sees one shape. When the app does not
    /// read <c>scope</c> at all, the claims stay as they are: the caller reads the configured types itself.
    /// </summary>
    public static void NormalizeClaims(ClaimsIdentity identity, string issuer, IList<string> claimTypes)
    {
        if (!claimTypes.Contains(AccessTokenDefaults.ScopeClaim))
        {
            return;
        }

        List<Claim>? found = null;
        foreach (var claim in identity.Claims)
        {
            if (claimTypes.Contains(claim.Type))
            {
                (found ??= []).Add(claim);
            }
        }

        if (found is null)
        {
            return;
        }

        var permissions = new List<string>();
        foreach (var claim in found)
        {
            identity.TryRemoveClaim(claim);
            foreach (var permission in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (IsValid(permission) && !permissions.Contains(permission, StringComparer.Ordinal))
                {
                    permissions.Add(permission);
                }
            }
        }

        if (permissions.Count > 0)
        {
            identity.AddClaim(new Claim(AccessTokenDefaults.ScopeClaim, string.Join(' ', permissions), ClaimValueTypes.String, issuer));
        }
    }
}
