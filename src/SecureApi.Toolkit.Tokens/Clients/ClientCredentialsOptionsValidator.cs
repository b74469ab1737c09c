using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Tokens;

internal sealed class ClientCredentialsOptionsValidator : IValidateOptions<ClientCredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientCredentialsOptions options)
    {
        var failures = new List<string>();
        if (options.ActivationCodePrefix is not { Length: >= 2 and <= 16 } prefix || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            failures.Add($"ClientCredentialsOptions.ActivationCodePrefix must be 2 to 16 lowercase letters or digits (was '{options.ActivationCodePrefix}').");
        }

        if (options.MaxActivationCodeValidity <= TimeSpan.Zero)
        {
            failures.Add($"ClientCredentialsOptions.MaxActivationCodeValidity must be positive (was {options.MaxActivationCodeValidity}).");
        }

        if (options.ActivationCodeValidity <= TimeSpan.Zero || options.ActivationCodeValidity > options.MaxActivationCodeValidity)
        {
            failures.Add($"ClientCredentialsOptions.ActivationCodeValidity must be positive and at most MaxActivationCodeValidity ({options.MaxActivationCodeValidity}); was {options.ActivationCodeValidity}.");
        }

        if (options.TokenLifetime is { } lifetime && lifetime <= TimeSpan.Zero)
        {
            failures.Add($"ClientCredentialsOptions.TokenLifetime must be positive when set (was {lifetime}); it is also capped by AccessTokenOptions.MaxLifetime.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
