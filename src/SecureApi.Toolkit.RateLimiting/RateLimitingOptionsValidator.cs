using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting;

/// <summary>Validates <see cref="RateLimitingOptions"/> at start-up; each message names the option and the fix.</summary>
internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, policy) in options.Policies)
        {
            var where = $"RateLimitingOptions.Policies[\"{key}\"]";
            if (!string.Equals(key, policy.Name, StringComparison.Ordinal))
            {
                failures.Add($"{where} is registered under a name other than its Name \"{policy.Name}\"; add policies with AddPolicy(name, ...).");
            }

            if (policy.Name.Length == 0 || policy.Name.Any(ch => ch is < '!' or > '~' or '"' or '\\'))
            {
                failures.Add($"{where}: the name must be printable ASCII without spaces, quotes or backslashes, because it is sent in the RateLimit header fields; rename the policy.");
            }

            if (!Enum.IsDefined(policy.Algorithm))
            {
                failures.Add($"{where}.Algorithm is not a RateLimitAlgorithm value.");
            }

            if (policy.Limit < 1)
            {
                failures.Add($"{where}.Limit must be at least 1 (it is {policy.Limit}).");
            }

            if (policy.Window < TimeSpan.FromMilliseconds(1))
            {
                failures.Add($"{where}.Window must be at least 1 ms (it is {policy.Window}).");
            }

            if (policy.Cost < 1)
            {
                failures.Add($"{where}.Cost must be at least 1 (it is {policy.Cost}).");
            }

            if (policy.LocalFallbackShare is { } share && !(share > 0 && share <= 1))
            {
                failures.Add($"{where}.LocalFallbackShare must be in (0, 1] (it is {share}); leave it null to divide the limit by the live instances the store reports.");
            }

            if (!Enum.IsDefined(policy.FailMode))
            {
                failures.Add($"{where}.FailMode is not a RateLimitFailMode value.");
            }

            if (policy.Algorithm == RateLimitAlgorithm.Concurrency && policy.Shadow)
            {
                failures.Add($"{where}: a concurrency policy cannot be in Shadow mode; its leases would be held for requests it never limits. Remove Shadow or use a counting algorithm.");
            }
        }

        foreach (var global in options.GlobalPolicies)
        {
            if (!options.Policies.ContainsKey(global))
            {
                failures.Add($"RateLimitingOptions.GlobalPolicies names \"{global}\", which is not declared; add it with options.AddPolicy(\"{global}\", ...).");
            }
        }

        if (options.RejectionStatusCode is < 400 or > 599)
        {
            failures.Add($"RateLimitingOptions.RejectionStatusCode must be a 4xx or 5xx status (it is {options.RejectionStatusCode}); 429 is the standard.");
        }

        if (!(options.NearLimitRatio > 0 && options.NearLimitRatio <= 1))
        {
            failures.Add($"RateLimitingOptions.NearLimitRatio must be in (0, 1] (it is {options.NearLimitRatio}).");
        }

        if (options.MaxTrackedPartitions < 1)
        {
            failures.Add($"RateLimitingOptions.MaxTrackedPartitions must be at least 1 (it is {options.MaxTrackedPartitions}).");
        }

        if (options.StoreTimeout <= TimeSpan.Zero)
        {
            failures.Add($"RateLimitingOptions.StoreTimeout must be positive (it is {options.StoreTimeout}); it must hold for a healthy store on a loaded machine (250 ms by default).");
        }

        if (!(options.CircuitBreakerFailureRatio > 0 && options.CircuitBreakerFailureRatio <= 1))
        {
            failures.Add($"RateLimitingOptions.CircuitBreakerFailureRatio must be in (0, 1] (it is {options.CircuitBreakerFailureRatio}).");
        }

        if (options.CircuitBreakerMinimumThroughput < 1)
        {
            failures.Add($"RateLimitingOptions.CircuitBreakerMinimumThroughput must be at least 1 (it is {options.CircuitBreakerMinimumThroughput}).");
        }

        if (options.CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(10))
        {
            failures.Add($"RateLimitingOptions.CircuitBreakerSamplingDuration must be at least 10 ms (it is {options.CircuitBreakerSamplingDuration}).");
        }

        if (options.CircuitBreakerProbeInterval <= TimeSpan.Zero)
        {
            failures.Add($"RateLimitingOptions.CircuitBreakerProbeInterval must be positive (it is {options.CircuitBreakerProbeInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
