using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Rules;
using SecureApi.Toolkit.Problems;

namespace SecureApi.Toolkit.FieldFiltering.Http;

/// <summary>
/// Keeps validation problems from confirming hidden properties: an error keyed by a classified property the caller
/// may not see, of a type its request body carried (for example <c>$.ssn</c> or <c>Customer.Ssn</c>), is folded into
/// one generic error, and a <c>detail</c> that names such a property is dropped. Names are taken from the types the
/// request actually deserialized, so a visible property of another type with the same name keeps its error.
/// Applies to MVC and minimal-API problem details alike.
/// </summary>
internal sealed partial class FieldFilteringProblemDetailsSetup(IOptions<FieldFilteringOptions> filteringOptions) : IConfigureOptions<ProblemDetailsOptions>
{
    public const string GenericError = "The request is invalid.";

    public void Configure(ProblemDetailsOptions options)
    {
        var previous = options.CustomizeProblemDetails;
        options.CustomizeProblemDetails = context =>
        {
            previous?.Invoke(context);
            Scrub(context.ProblemDetails);
            if (filteringOptions.Value.ForbiddenWrites == ForbiddenWriteHandling.Reject)
            {
                AsForbiddenWrite(context.ProblemDetails);
            }
        };
    }

    internal static void Scrub(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        var hiddenNames = FieldFilterScope.Current?.HiddenNames;
        if (hiddenNames is not { Count: > 0 })
        {
            return;
        }

        if (problem is HttpValidationProblemDetails validation)
        {
            var hidden = validation.Errors.Keys.Where(key => Segments().Split(key).Any(segment => hiddenNames.Contains(segment))).ToList();
            if (hidden.Count > 0)
            {
                foreach (var key in hidden)
                {
                    validation.Errors.Remove(key);
                }

                validation.Errors[string.Empty] = [GenericError];
            }
        }

        if (problem.Detail is { } detail && Words().Split(detail).Any(word => hiddenNames.Contains(word)))
        {
            problem.Detail = null;
        }
    }

    // A refused write surfaces as a plain 400 that status-code pages or the framework may turn into problem details
    // before the field-filtering middleware sees the response: give that problem the package's stable type.
    internal static void AsForbiddenWrite(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        if (FieldFilterScope.Current is { ForbiddenWriteAttempted: true } && problem.Status is null or StatusCodes.Status400BadRequest)
        {
            problem.Type = SecureApiProblems.TypePrefix + FieldFilteringMiddleware.ForbiddenWriteReason;
            problem.Title = FieldFilteringMiddleware.ForbiddenWriteTitle;
            problem.Detail = null;
            problem.Extensions["reason"] = FieldFilteringMiddleware.ForbiddenWriteReason;
            if (problem is HttpValidationProblemDetails validation)
            {
                validation.Errors.Clear();
            }
        }
    }

    [GeneratedRegex(@"[.\[\]$]+")]
    private static partial Regex Segments();

    [GeneratedRegex(@"[^A-Za-z0-9_]+")]
    private static partial Regex Words();
}
