using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Callers;

internal sealed class ApiCallerOptionsValidator : IValidateOptions<ApiCallerOptions>
{
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

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
