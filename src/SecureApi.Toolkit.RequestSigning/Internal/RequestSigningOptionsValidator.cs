using Microsoft.Extensions.Options;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Security floors and consistency of the profiles, checked at start-up.</summary>
internal sealed class RequestSigningOptionsValidator(HttpSignatureAlgorithmRegistry algorithms) : IValidateOptions<RequestSigningOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestSigningOptions options)
    {
        var failures = new List<string>();
        if (!options.Profiles.ContainsKey(RequestSigningOptions.DefaultProfileName))
        {
            failures.Add("RequestSigningOptions.Profiles must contain the \"default\" profile; configure it instead of removing it.");
        }

        if (options.ExternalOrigin is { } origin && (!origin.IsAbsoluteUri || origin.Scheme is not ("http" or "https") || origin.AbsolutePath != "/" || origin.Query.Length > 0))
        {
            failures.Add("RequestSigningOptions.ExternalOrigin must be an absolute http(s) origin without path or query, for example https://api.example.com.");
        }

        if (options.ExternalPathBase.Length > 0 && !options.ExternalPathBase.StartsWith('/'))
        {
            failures.Add("RequestSigningOptions.ExternalPathBase must start with '/', for example /api.");
        }

        var responses = options.ResponseSigning;
        if (responses.Key is { } key)
        {
            if (!key.HasPrivateKey)
            {
                failures.Add("RequestSigningOptions.ResponseSigning.Key must hold a private key or shared secret; a public key cannot sign responses.");
            }

            if (string.IsNullOrEmpty(responses.Label) || !(responses.Label[0] is >= 'a' and <= 'z' or '*') || !responses.Label.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-' or '.' or '*'))
            {
                failures.Add("RequestSigningOptions.ResponseSigning.Label must be a structured-field key (lowercase letters, digits, _ - . *), for example sig1.");
            }

            foreach (var component in responses.Components)
            {
                try
                {
                    _ = HttpMessageSignerAccess.ParseComponent(component);
                }
                catch (HttpSignatureException)
                {
                    failures.Add($"RequestSigningOptions.ResponseSigning.Components: '{component}' is not a valid component identifier.");
                }
            }
        }

        foreach (var (profileName, profile) in options.Profiles)
        {
            var prefix = $"RequestSigningOptions.Profiles[\"{profileName}\"].";
            if (profile.MaxAge <= TimeSpan.Zero || profile.MaxAge > TimeSpan.FromHours(1))
            {
                failures.Add(prefix + "MaxAge must be between 0 and 1 hour; nonces are remembered this long.");
            }

            if (profile.AllowedFutureSkew < TimeSpan.Zero || profile.AllowedFutureSkew > TimeSpan.FromMinutes(5))
            {
                failures.Add(prefix + "AllowedFutureSkew must be between 0 and 5 minutes; fix clock drift with NTP instead.");
            }

            if (profile.MaxBufferedBodySize <= 0)
            {
                failures.Add(prefix + "MaxBufferedBodySize must be positive (bytes a signed request may make the server buffer), for example 1048576 for 1 MiB.");
            }

            if (profile.AllowedAlgorithms.Count == 0)
            {
                failures.Add(prefix + "AllowedAlgorithms must name at least one algorithm.");
            }

            foreach (var algorithm in profile.AllowedAlgorithms)
            {
                if (!algorithms.TryGet(algorithm, out _))
                {
                    failures.Add(prefix + $"AllowedAlgorithms names '{algorithm}', which is not registered in HttpSignatureAlgorithmRegistry.");
                }
            }

            if (!profile.RequiredComponentsWithBody.Contains("content-digest"))
            {
                failures.Add(prefix + "RequiredComponentsWithBody must include \"content-digest\": without it the body is not covered by the signature.");
            }

            foreach (var digest in profile.DigestAlgorithms)
            {
                if (digest is not (ContentDigest.Sha256 or ContentDigest.Sha512))
                {
                    failures.Add(prefix + "DigestAlgorithms may contain only sha-256 and sha-512.");
                }
            }

            foreach (var component in profile.RequiredComponents.Concat(profile.RequiredComponentsWithBody))
            {
                try
                {
                    _ = HttpMessageSignerAccess.ParseComponent(component);
                }
                catch (HttpSignatureException)
                {
                    failures.Add(prefix + $"required component '{component}' is not a valid component identifier.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
