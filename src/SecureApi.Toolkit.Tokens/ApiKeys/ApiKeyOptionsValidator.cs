using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Tokens;

internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        if (options.Prefix is not { Length: >= 2 and <= 16 } prefix || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            failures.Add($"ApiKeyOptions.Prefix must be 2 to 16 lowercase letters or digits (was '{options.Prefix}'), for example \"sak\".");
        }

        if (options.HashKey is not { Length: >= 32 })
        {
            failures.Add("ApiKeyOptions.HashKey must hold at least 32 random bytes (RandomNumberGenerator.GetBytes(32)), kept outside the key store.");
        }

        if (options.HeaderName is { } header && (string.IsNullOrWhiteSpace(header) || string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add("ApiKeyOptions.HeaderName must be a dedicated header such as \"X-Api-Key\"; Authorization is read with the ApiKey scheme already.");
        }

        if (options.DefaultLifetime != Timeout.InfiniteTimeSpan && options.DefaultLifetime <= TimeSpan.Zero)
        {
            failures.Add($"ApiKeyOptions.DefaultLifetime must be positive or Timeout.InfiniteTimeSpan (was {options.DefaultLifetime}).");
        }

        if (options.LastUsedResolution < TimeSpan.Zero)
        {
            failures.Add($"ApiKeyOptions.LastUsedResolution must not be negative (was {options.LastUsedResolution}).");
        }

        if (options.VerifiedKeyCacheSize < 0)
        {
            failures.Add($"ApiKeyOptions.VerifiedKeyCacheSize must be 0 (no cache) or more (was {options.VerifiedKeyCacheSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
