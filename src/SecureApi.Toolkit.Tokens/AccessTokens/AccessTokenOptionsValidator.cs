using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Checks <see cref="AccessTokenOptions"/> at start-up. Structural errors always fail. Weakened settings (validation
/// off, no explicit algorithm allow-list for external authorities, a short HMAC key, a clock skew over 1 minute)
/// fail in Production and are logged as warnings elsewhere. Without a host environment, Production is assumed.
/// </summary>
internal sealed class AccessTokenOptionsValidator(IServiceProvider services) : IValidateOptions<AccessTokenOptions>
{
    internal static readonly TimeSpan MaxProductionSkew = TimeSpan.FromMinutes(1);
    internal const int MinHmacKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AccessTokenOptions options)
    {
        var failures = new List<string>();
        var weakened = new List<string>();

        if (options.ValidateTokens || options.SigningKeys.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(options.Issuer))
            {
                failures.Add("AccessTokenOptions.Issuer must be set to this API's issuer, for example \"https://api.example.com\".");
            }

            if (string.IsNullOrWhiteSpace(options.Audience))
            {
                failures.Add("AccessTokenOptions.Audience must be set to this API's audience, for example \"https://api.example.com\".");
            }
        }

        if (options.MaxLifetime <= TimeSpan.Zero)
        {
            failures.Add($"AccessTokenOptions.MaxLifetime must be positive (was {options.MaxLifetime}).");
        }

        if (options.DefaultLifetime <= TimeSpan.Zero || options.DefaultLifetime > options.MaxLifetime)
        {
            failures.Add($"AccessTokenOptions.DefaultLifetime must be positive and at most MaxLifetime ({options.MaxLifetime}); was {options.DefaultLifetime}. Short-lived tokens: 10 minutes is the default.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"AccessTokenOptions.ClockSkew must be between 0 and 5 minutes (was {options.ClockSkew}); 30 seconds is the default.");
        }
        else if (options.ClockSkew > MaxProductionSkew)
        {
            weakened.Add($"AccessTokenOptions.ClockSkew is {options.ClockSkew}, more than {MaxProductionSkew}: expired tokens stay usable that long. Use 30 seconds and synchronise clocks.");
        }

        if (options.MaxTokenSize is < 512 or > 65536)
        {
            failures.Add($"AccessTokenOptions.MaxTokenSize must be between 512 and 65536 characters (was {options.MaxTokenSize}).");
        }

        CheckKeys(options, failures, weakened);
        CheckAlgorithms(options, failures, weakened);
        CheckAuthorities(options, failures);

        if (!options.ValidateTokens)
        {
            weakened.Add("AccessTokenOptions.ValidateTokens is false: signature, lifetime, issuer and audience of access tokens are not checked. Remove the setting.");
        }

        if (weakened.Count > 0)
        {
            var environment = services.GetService<IHostEnvironment>();
            if (environment is null || environment.IsProduction())
            {
                failures.AddRange(weakened.Select(w => w + " (refused in Production)"));
            }
            else
            {
                var logger = services.GetService<ILoggerFactory>()?.CreateLogger<AccessTokenOptionsValidator>();
                foreach (var finding in weakened)
                {
                    if (logger is not null)
                    {
                        TokensLog.StartupFinding(logger, finding);
                    }
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckKeys(AccessTokenOptions options, List<string> failures, List<string> weakened)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var symmetric = false;
        var asymmetric = false;
        foreach (var key in options.SigningKeys)
        {
            if (key is null)
            {
                failures.Add("AccessTokenOptions.SigningKeys contains null.");
                continue;
            }

            if (!ids.Add(key.KeyId))
            {
                failures.Add($"AccessTokenOptions.SigningKeys has two keys with kid '{key.KeyId}'. Key ids must be unique so validation can pick exactly one key.");
            }

            if (key.IsSymmetric)
            {
                symmetric = true;
                if (key.Key.KeySize / 8 < MinHmacKeyBytes)
                {
                    weakened.Add($"The HS256 key '{key.KeyId}' has {key.Key.KeySize / 8} bytes; use at least {MinHmacKeyBytes} random bytes (RandomNumberGenerator.GetBytes({MinHmacKeyBytes})).");
                }
            }
            else
            {
                asymmetric = true;
            }

            if (key.SignFrom is { } from && key.RetireAt is { } retire && retire <= from)
            {
                failures.Add($"Signing key '{key.KeyId}' retires ({retire:O}) before it starts signing ({from:O}).");
            }
        }

        if (symmetric && asymmetric)
        {
            failures.Add("AccessTokenOptions.SigningKeys mixes HS256 with ES256/RS256 keys. Use asymmetric keys only, or HS256 only for a single application.");
        }
    }

    private static void CheckAlgorithms(AccessTokenOptions options, List<string> failures, List<string> weakened)
    {
        if (options.AllowedAlgorithms.Any(a => string.Equals(a, "none", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add("AccessTokenOptions.AllowedAlgorithms must not contain \"none\": unsigned tokens are never accepted.");
        }

        var hmac = options.AllowedAlgorithms.Any(a => a.StartsWith("HS", StringComparison.Ordinal));
        var asymmetricAlgorithms = options.AllowedAlgorithms.Any(a => !a.StartsWith("HS", StringComparison.Ordinal));
        if (hmac && (asymmetricAlgorithms || options.ExternalAuthorities.Count > 0))
        {
            failures.Add("AccessTokenOptions.AllowedAlgorithms mixes HMAC (HS*) with asymmetric algorithms or external authorities. Allow HS256 only when this application alone issues and validates.");
        }

        foreach (var key in options.SigningKeys)
        {
            if (key is not null && options.AllowedAlgorithms.Count > 0 && !options.AllowedAlgorithms.Contains(key.Algorithm))
            {
                failures.Add($"Signing key '{key.KeyId}' uses {key.Algorithm}, which AccessTokenOptions.AllowedAlgorithms does not allow: its tokens would be refused.");
            }
        }

        if (options.ValidateTokens && AccessTokenValidator.EffectiveAlgorithms(options).Count == 0)
        {
            weakened.Add("No algorithm allow-list: AccessTokenOptions has neither SigningKeys nor AllowedAlgorithms, so no token can be validated. Add a signing key or set AllowedAlgorithms (for example \"ES256\").");
        }
        else if (options.AllowedAlgorithms.Count == 0 && options.ExternalAuthorities.Count > 0)
        {
            weakened.Add($"No explicit algorithm allow-list for external authorities: set AccessTokenOptions.AllowedAlgorithms (for example \"{SecurityAlgorithms.RsaSha256}\") to the algorithms they use.");
        }
    }

    private static void CheckAuthorities(AccessTokenOptions options, List<string> failures)
    {
        foreach (var authority in options.ExternalAuthorities)
        {
            if (string.IsNullOrWhiteSpace(authority.Issuer))
            {
                failures.Add("An ExternalTokenAuthority has no Issuer: set it to the exact iss value of the authority's tokens.");
                continue;
            }

            if (string.Equals(authority.Issuer, options.Issuer, StringComparison.Ordinal))
            {
                failures.Add($"ExternalTokenAuthority '{authority.Issuer}' has this API's own issuer; an external authority needs its own issuer.");
            }

            if (authority.MetadataAddress is null && authority.ConfigurationManager is null && authority.SigningKeys.Count == 0)
            {
                failures.Add($"ExternalTokenAuthority '{authority.Issuer}' has no keys: set MetadataAddress (its discovery document), ConfigurationManager or SigningKeys.");
            }

            if (authority.MetadataAddress is { } address
                && (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"ExternalTokenAuthority '{authority.Issuer}' MetadataAddress must be an absolute https:// address.");
            }

            if (authority.ValidTypes.Count == 0)
            {
                failures.Add($"ExternalTokenAuthority '{authority.Issuer}' ValidTypes is empty: the token type must be pinned (at+jwt).");
            }
        }
    }
}
