using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.FieldFiltering;

/// <summary>Checks <see cref="FieldFilteringOptions"/> at start-up.</summary>
internal sealed class FieldFilteringOptionsValidator : IValidateOptions<FieldFilteringOptions>
{
    public const int MinimumPseudonymKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, FieldFilteringOptions options)
    {
        var failures = new List<string>();
        foreach (var (id, key) in options.PseudonymKeys)
        {
            if (string.IsNullOrEmpty(id) || id.Length > 64 || id.Contains(':', StringComparison.Ordinal))
            {
                failures.Add($"FieldFilteringOptions.PseudonymKeys has the key id '{id}': use 1 to 64 characters without ':'.");
            }

            if (key is null || key.Length < MinimumPseudonymKeyBytes)
            {
                failures.Add($"FieldFilteringOptions.PseudonymKeys['{id}'] is shorter than {MinimumPseudonymKeyBytes} bytes. Use RandomNumberGenerator.GetBytes(32) or longer.");
            }
        }

        if (options.CurrentPseudonymKeyId is { } current && !options.PseudonymKeys.ContainsKey(current))
        {
            failures.Add($"FieldFilteringOptions.CurrentPseudonymKeyId is '{current}' but PseudonymKeys has no such key. Add the key or fix the id.");
        }

        if (options.MaxSelectedFields is < 1 or > 1000)
        {
            failures.Add("FieldFilteringOptions.MaxSelectedFields must be between 1 and 1000.");
        }

        if (string.IsNullOrWhiteSpace(options.FieldSelectionQueryParameter))
        {
            failures.Add("FieldFilteringOptions.FieldSelectionQueryParameter must name a query parameter, for example \"fields\".");
        }

        if (!Enum.IsDefined(options.ForbiddenWrites))
        {
            failures.Add("FieldFilteringOptions.ForbiddenWrites must be Ignore or Reject.");
        }

        foreach (var (type, declaration) in options.Declarations)
        {
            foreach (var (member, rule) in declaration.MemberRules)
            {
                if (rule.Permissions.Count == 0)
                {
                    failures.Add($"The field-filtering declaration of {type.FullName}.{member} names no permission. Pass at least one permission.");
                }
            }

            if (declaration.TypeRule is { Permissions.Count: 0 })
            {
                failures.Add($"The class-level field-filtering declaration of {type.FullName} names no permission. Pass at least one permission.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
