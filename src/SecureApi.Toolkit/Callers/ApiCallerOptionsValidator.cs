using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Callers;

internal sealed class ApiCallerOptionsValidator : IValidateOptions<ApiCallerOptions>
{
    /// <summary>128 bits: a shorter key could be searched for.</summary>
    internal const int MinimumPseudonymKeyBytes = 16;

    public ValidateOptionsResult Validate(string? name, ApiCallerOptions options)
    {
        List<string>? failures = null;
        if (options.IPv6PrefixLength is < 1 or > 128)
        {
            (failures ??= []).Add($"ApiCallerOptions.IPv6PrefixLength must be between 1 and 128 (was {options.IPv6PrefixLength}); 64 groups one subscriber's addresses.");
        }

        if (string.IsNullOrWhiteSpace(options.CallerIdClaimType))
        {
            (failures ??= []).Add("ApiCallerOptions.CallerIdClaimType must name a claim, for example \"sub\".");
        }

        if (string.IsNullOrWhiteSpace(options.ForwardedForHeader))
        {
            (failures ??= []).Add("ApiCallerOptions.ForwardedForHeader must name a header, for example \"X-Forwarded-For\".");
        }

        if (options.PseudonymKey is { Length: < MinimumPseudonymKeyBytes } key)
        {
            (failures ??= []).Add($"ApiCallerOptions.PseudonymKey must be at least {MinimumPseudonymKeyBytes} bytes (was {key.Length}); use 32 bytes from RandomNumberGenerator.GetBytes(32) (base64 in configuration), or leave it unset for a random key per process.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
