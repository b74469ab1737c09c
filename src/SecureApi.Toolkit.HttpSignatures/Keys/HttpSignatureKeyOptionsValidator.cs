using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>Validates every key definition at start-up, so a bad key fails the app before the first request.</summary>
public sealed class HttpSignatureKeyOptionsValidator : IValidateOptions<HttpSignatureKeyOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, HttpSignatureKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            foreach (var key in OptionsHttpSignatureKeyResolver.Build(options).Values)
            {
                key.Dispose();
            }

            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail("HttpSignatureKeyOptions.Keys: " + ex.Message);
        }
    }
}
